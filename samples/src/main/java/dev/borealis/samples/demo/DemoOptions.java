package dev.borealis.samples.demo;

import dev.borealis.cluster.Engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The demo's command line. {@code url} is empty for the embedded cluster; with a URL, {@code engine} follows its
 * scheme and {@code readers} is whatever the real cluster has.
 */
public record DemoOptions(Engine engine, int readers, Duration duration, String url, String user, String password,
                          Path chart, boolean portPerInstance, boolean connectByIp) {

    public static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar borealis-demo.jar [flags]",
            "  --engine mysql|postgresql   engine of the embedded cluster (mysql)",
            "  --readers N                 readers of the embedded cluster, 1..15 (2)",
            "  --duration N                seconds to run, 4..3600; the writer crashes halfway (20); alias --seconds",
            "  --url jdbc:borealis:...     run against a real cluster instead (creates/replaces tables planet, vote)",
            "  --user U --password P       credentials for --url (admin / admin for the embedded cluster)",
            "  --chart PATH                where to write the SVG timeline (target/borealis-demo.svg)",
            "  --port-per-instance         serve every instance on 127.0.0.1 with a port of its own (the layout used",
            "                              automatically where extra loopback addresses cannot be bound)",
            "  --connect-by-ip             connect by IP address, mapping every instance (what the demo does by",
            "                              itself when this JVM does not resolve the cluster's names)",
            "  --log                       show the driver's and the cluster's log (java.util.logging) on stderr",
            "  --help                      this text");

    private static final int DEFAULT_SECONDS = 20;

    public boolean embedded() {
        return url.isEmpty();
    }

    /** Parses the flags; a bad one throws {@link IllegalArgumentException} naming the flag, the value and the rule. */
    public static DemoOptions parse(String[] args) {
        Builder b = new Builder();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--engine" -> b.engine = engine(value(args, ++i, flag));
                case "--readers" -> b.readers = number(flag, value(args, ++i, flag), 1, 15);
                case "--duration", "--seconds" -> b.seconds = number(flag, stripSeconds(value(args, ++i, flag)), 4, 3600);
                case "--url" -> b.url = url(value(args, ++i, flag));
                case "--user" -> b.user = value(args, ++i, flag);
                case "--password" -> b.password = value(args, ++i, flag);
                case "--chart" -> b.chart = Path.of(value(args, ++i, flag));
                case "--port-per-instance" -> b.portPerInstance = true;
                case "--connect-by-ip" -> b.connectByIp = true;
                case "--log" -> { } // read by Demo.main before anything logs
                default -> throw new IllegalArgumentException("unknown flag '" + flag + "' (see --help)");
            }
        }
        Engine engine = b.url.isEmpty() ? b.engine : engineOfUrl(b.url);
        return new DemoOptions(engine, b.readers, Duration.ofSeconds(b.seconds), b.url, b.user, b.password, b.chart,
                b.portPerInstance, b.connectByIp);
    }

    private static final class Builder {
        Engine engine = Engine.MYSQL;
        int readers = 2;
        int seconds = DEFAULT_SECONDS;
        String url = "";
        String user = "admin";
        String password = "admin";
        Path chart = Path.of("target", "borealis-demo.svg");
        boolean portPerInstance;
        boolean connectByIp;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + ": a value is required (see --help)");
        }
        return args[i];
    }

    private static Engine engine(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "mysql" -> Engine.MYSQL;
            case "postgresql", "postgres" -> Engine.POSTGRESQL;
            default -> throw new IllegalArgumentException("--engine: '" + value + "' is not mysql or postgresql");
        };
    }

    private static String stripSeconds(String value) {
        return value.endsWith("s") ? value.substring(0, value.length() - 1) : value;
    }

    private static int number(String flag, String value, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + ": '" + value + "' is not a whole number", e);
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(flag + ": " + n + " is out of range " + min + ".." + max);
        }
        return n;
    }

    private static String url(String value) {
        engineOfUrl(value);
        return value;
    }

    private static Engine engineOfUrl(String url) {
        if (url.startsWith("jdbc:borealis:mysql://")) {
            return Engine.MYSQL;
        }
        if (url.startsWith("jdbc:borealis:postgresql://")) {
            return Engine.POSTGRESQL;
        }
        throw new IllegalArgumentException("--url: '" + masked(url)
                + "' does not start with jdbc:borealis:mysql:// or jdbc:borealis:postgresql://");
    }

    /** {@code url} with the password (a {@code password} parameter or {@code user:password@}) as {@code ***}. */
    static String masked(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("(//[^/:@]*:)[^@/]*@", "$1***@");
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "DemoOptions[engine=" + engine + ", readers=" + readers + ", duration=" + duration
                + ", url=" + masked(url) + ", user=" + user + ", chart=" + chart + "]";
    }
}

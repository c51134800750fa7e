package dev.borealis.cluster.cli;

import dev.borealis.cluster.ClusterSettings;
import dev.borealis.cluster.Engine;

import java.nio.file.Path;
import java.util.Map;

/**
 * The parsed command line of {@link ClusterMain}. Values are checked here so that a bad one is
 * reported naming its flag, before anything starts.
 */
record CliOptions(boolean help, Engine engine, int readers, String name, int port, int adminPort, String user,
                  String password, Path hostsFile, Long replicaLagMs, Long failoverDelayMs, long dnsDelayMs,
                  String domain, boolean portPerInstance, String iamUser, String iamRegion) {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar borealis-cluster.jar --engine mysql|postgresql [options]",
            "",
            "Starts an Aurora-like cluster (one writer, N readers) on loopback addresses and prints one line",
            "'READY {json}' with its endpoints once clients can connect. Stop it with Ctrl-C or SIGTERM.",
            "",
            "  --engine mysql|postgresql  wire protocol and SQL dialect (required)",
            "  --readers N                number of readers, 0..15 (default 1)",
            "  --name NAME                cluster identifier, also the hostname prefix (default borealis)",
            "  --port P                   port every instance listens on (default 3306 / 5432; 0 = a free port)",
            "  --admin-port P             port of the admin HTTP API on 127.0.0.1 (default 0 = a free port)",
            "  --user USER                database user (default admin)",
            "  --password PASSWORD        the user's password (default admin; never printed)",
            "  --hosts-file PATH          hosts-format file to keep current; give it to client JVMs as",
            "                             -Djdk.net.hosts.file=PATH (default: a file in the temp directory)",
            "  --replica-lag-ms N         replica lag of every reader in ms (default 5)",
            "  --failover-delay-ms N      time from a writer crash to the promotion of a reader (default 1000)",
            "  --dns-delay-ms N           time the cluster endpoint keeps naming the old writer after a",
            "                             failover (default 5000, like Aurora's DNS TTL)",
            "  --domain DOMAIN            DNS suffix of the hostnames (default us-east-1.rds.amazonaws.com)",
            "  --port-per-instance        serve every instance on 127.0.0.1 with a port of its own",
            "  --iam-user USER            IAM mode: USER logs in with RDS IAM tokens over TLS, signed with",
            "                             AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY from the environment",
            "  --iam-region REGION        the region IAM tokens must be signed for (default us-east-1)",
            "  --help                     print this help and exit",
            "",
            "READY line fields: name, engine, clusterEndpoint and readerEndpoint {host, ip, port},",
            "instances [{id, host, ip, port, role, tier}], adminUrl, hostsFile, user.",
            "Exit status: 0 after a clean stop or --help, 1 if the cluster cannot start, 2 for a bad command line.");

    private static final Map<String, Boolean> FLAGS = Map.ofEntries(
            Map.entry("--engine", true), Map.entry("--readers", true), Map.entry("--name", true),
            Map.entry("--port", true), Map.entry("--admin-port", true), Map.entry("--user", true),
            Map.entry("--password", true), Map.entry("--hosts-file", true), Map.entry("--replica-lag-ms", true),
            Map.entry("--failover-delay-ms", true), Map.entry("--dns-delay-ms", true), Map.entry("--domain", true),
            Map.entry("--port-per-instance", false), Map.entry("--help", false), Map.entry("--iam-user", true),
            Map.entry("--iam-region", true));

    static CliOptions parse(String[] args) throws UsageException {
        Builder b = new Builder();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String flag = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                flag = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            Boolean takesValue = FLAGS.get(flag);
            if (takesValue == null) {
                throw new UsageException(flag.startsWith("-") ? "unknown flag " + flag + " (see --help)"
                        : "unexpected argument '" + arg + "' (flags start with --; see --help)");
            }
            if (takesValue && value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(flag + ": a value is required");
                }
                value = args[++i];
            } else if (!takesValue && value != null) {
                throw new UsageException(flag + ": takes no value");
            }
            b.set(flag, value);
        }
        return b.build();
    }

    private static final class Builder {
        boolean help;
        Engine engine;
        int readers = 1;
        String name = "borealis";
        int port = -1;
        int adminPort;
        String user;
        String password;
        Path hostsFile;
        Long replicaLagMs;
        Long failoverDelayMs;
        long dnsDelayMs = 5_000;
        String domain = dev.borealis.cluster.server.ServerOptions.DEFAULT_DOMAIN;
        boolean portPerInstance;
        String iamUser;
        String iamRegion = "us-east-1";

        void set(String flag, String value) throws UsageException {
            switch (flag) {
                case "--help" -> help = true;
                case "--engine" -> engine = engine(value);
                case "--readers" -> readers = (int) number(flag, value, 0, ClusterSettings.MAX_READERS);
                case "--name" -> name = clusterName(value);
                case "--port" -> port = (int) number(flag, value, 0, 65535);
                case "--admin-port" -> adminPort = (int) number(flag, value, 0, 65535);
                case "--user" -> user = nonEmpty(flag, value);
                case "--password" -> password = value;
                case "--hosts-file" -> hostsFile = Path.of(nonEmpty(flag, value));
                case "--replica-lag-ms" -> replicaLagMs = number(flag, value, 0, 3_600_000);
                case "--failover-delay-ms" -> failoverDelayMs = number(flag, value, 0, 3_600_000);
                case "--dns-delay-ms" -> dnsDelayMs = number(flag, value, 0, 3_600_000);
                case "--domain" -> domain = domain(value);
                case "--port-per-instance" -> portPerInstance = true;
                case "--iam-user" -> iamUser = nonEmpty(flag, value);
                case "--iam-region" -> iamRegion = nonEmpty(flag, value);
                default -> throw new UsageException("unknown flag " + flag);
            }
        }

        CliOptions build() throws UsageException {
            if (!help && engine == null) {
                throw new UsageException("--engine: required (mysql or postgresql)");
            }
            if (password != null && user == null) {
                user = "admin";
            }
            if (user != null && password == null) {
                throw new UsageException("--password: required when --user is given");
            }
            return new CliOptions(help, engine, readers, name, port, adminPort, user == null ? "admin" : user,
                    password == null ? "admin" : password, hostsFile, replicaLagMs, failoverDelayMs, dnsDelayMs, domain,
                    portPerInstance, iamUser, iamRegion);
        }

        private static Engine engine(String value) throws UsageException {
            try {
                return Engine.parse(value);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--engine: unknown value '" + value + "' (expected mysql or postgresql)");
            }
        }

        private static long number(String flag, String value, long min, long max) throws UsageException {
            try {
                long n = Long.parseLong(value.trim());
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                throw new UsageException(flag + ": '" + value + "' is not a number (expected " + min + ".." + max + ")");
            }
            throw new UsageException(flag + ": " + value + " is out of range " + min + ".." + max);
        }

        private static String clusterName(String value) throws UsageException {
            if (!value.matches("[a-z][a-z0-9-]{0,62}")) {
                throw new UsageException("--name: '" + value + "' is invalid (1-63 lower-case letters, digits and"
                        + " hyphens, starting with a letter)");
            }
            return value;
        }

        private static String domain(String value) throws UsageException {
            try {
                return dev.borealis.cluster.server.ServerOptions.defaults().withDomain(value).domain();
            } catch (IllegalArgumentException e) {
                throw new UsageException("--domain: '" + value + "' is not a DNS name (lower-case labels separated by dots)");
            }
        }

        private static String nonEmpty(String flag, String value) throws UsageException {
            if (value.isBlank()) {
                throw new UsageException(flag + ": must not be empty");
            }
            return value;
        }
    }

    @Override
    public String toString() {
        return "CliOptions[engine=" + engine + ", readers=" + readers + ", name=" + name + ", port=" + port
                + ", adminPort=" + adminPort + ", user=" + user + ", hostsFile=" + hostsFile + "]";
    }
}

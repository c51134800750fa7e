package dev.borealis.cluster.cli;

import dev.borealis.cluster.ClusterSettings;
import dev.borealis.cluster.Engine;

import dev.borealis.cluster.server.admin.AdminOptions;
import dev.borealis.cluster.server.admin.AdminToken;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * The parsed command line of {@link ClusterMain}. Values are checked here so that a bad one is
 * reported naming its flag, before anything starts.
 */
record CliOptions(boolean help, Engine engine, int readers, String name, int port, int adminPort, String user,
                  ClusterPassword password, Path hostsFile, Long replicaLagMs, Long failoverDelayMs, long dnsDelayMs,
                  String domain, boolean portPerInstance, String iamUser, String iamRegion, AdminToken adminToken,
                  Path adminTokenFile, long adminRequestTimeoutMs,
                  java.util.List<dev.borealis.cluster.CustomEndpoint> customEndpoints) {

    static final String TOKEN_ENV = "BOREALIS_ADMIN_TOKEN";

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
            "  --admin-token TOKEN        the bearer token the admin API requires (22..512 characters of",
            "                             A-Z a-z 0-9 - _ . ~; or BOREALIS_ADMIN_TOKEN in the environment);",
            "                             default: a random 256-bit token, printed as the READY line's adminToken",
            "  --admin-token-file PATH    where the token is written, readable by its owner only (default:",
            "                             borealis-NAME-ID.admin-token next to the hosts file)",
            "  --admin-request-timeout-ms N  time an admin client has to send its request (default 5000)",
            "  --user USER                database user (default admin)",
            "  --password-file PATH       read the user's password from the first line of PATH; or set",
            "                             BOREALIS_PASSWORD in the environment. With neither, a random",
            "                             password is generated and printed once, as the READY line's password",
            "  --password PASSWORD        the password on the command line (visible to all users in ps;",
            "                             prefer --password-file or BOREALIS_PASSWORD)",
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
            "  --custom-endpoint NAME:TYPE[:IDS]  a custom endpoint NAME.cluster-custom-ID.DOMAIN, TYPE READER or",
            "                             ANY, over the instances IDS (comma-separated), or over every instance",
            "                             except them with :!IDS, or over every instance without IDS; repeatable",
            "                             (up to 5). Change them at runtime with the admin API's /endpoints",
            "  --help                     print this help and exit",
            "",
            "READY line fields: name, engine, clusterEndpoint and readerEndpoint {host, ip, port},",
            "instances [{id, host, ip, port, role, tier}], customEndpoints {NAME: {host, ip, port}}, adminUrl, adminToken, adminTokenFile, hostsFile, user,",
            "jdbcUrl, and password only when it was generated.",
            "Exit status: 0 after a clean stop or --help, 1 if the cluster cannot start, 2 for a bad command line.");

    private static final Map<String, Boolean> FLAGS = Map.ofEntries(
            Map.entry("--engine", true), Map.entry("--readers", true), Map.entry("--name", true),
            Map.entry("--port", true), Map.entry("--admin-port", true), Map.entry("--user", true),
            Map.entry("--password", true), Map.entry("--hosts-file", true), Map.entry("--replica-lag-ms", true),
            Map.entry("--failover-delay-ms", true), Map.entry("--dns-delay-ms", true), Map.entry("--domain", true),
            Map.entry("--port-per-instance", false), Map.entry("--help", false), Map.entry("--iam-user", true),
            Map.entry("--iam-region", true), Map.entry("--password-file", true), Map.entry("--admin-token", true),
            Map.entry("--admin-token-file", true), Map.entry("--admin-request-timeout-ms", true),
            Map.entry("--custom-endpoint", true));

    static CliOptions parse(String[] args) throws UsageException {
        return parse(args, System::getenv);
    }

    /** With the environment ({@code BOREALIS_PASSWORD}, {@code BOREALIS_ADMIN_TOKEN}) given by the caller. */
    static CliOptions parse(String[] args, Function<String, String> env) throws UsageException {
        Builder b = new Builder(env);
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
        final Function<String, String> env;
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
        Path passwordFile;
        AdminToken adminToken;
        Path adminTokenFile;
        long adminRequestTimeoutMs = AdminOptions.DEFAULT_REQUEST_TIMEOUT.toMillis();
        final java.util.List<dev.borealis.cluster.CustomEndpoint> customEndpoints = new java.util.ArrayList<>();

        Builder(Function<String, String> env) {
            this.env = env;
        }

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
                case "--password-file" -> passwordFile = Path.of(nonEmpty(flag, value));
                case "--admin-token" -> adminToken = token(flag, value);
                case "--admin-token-file" -> adminTokenFile = Path.of(nonEmpty(flag, value));
                case "--admin-request-timeout-ms" -> adminRequestTimeoutMs = number(flag, value, 1, 600_000);
                case "--custom-endpoint" -> customEndpoints.add(customEndpoint(flag, value));
                default -> throw new UsageException("unknown flag " + flag);
            }
        }

        CliOptions build() throws UsageException {
            if (!help && engine == null) {
                throw new UsageException("--engine: required (mysql or postgresql)");
            }
            ClusterPassword resolved = help ? null : ClusterPassword.resolve(password, passwordFile, env);
            if (adminToken == null && env.apply(TOKEN_ENV) != null) {
                adminToken = token(TOKEN_ENV, env.apply(TOKEN_ENV));
            }
            return new CliOptions(help, engine, readers, name, port, adminPort, user == null ? "admin" : user,
                    resolved, hostsFile, replicaLagMs, failoverDelayMs, dnsDelayMs, domain, portPerInstance, iamUser,
                    iamRegion, adminToken, adminTokenFile, adminRequestTimeoutMs, java.util.List.copyOf(customEndpoints));
        }

        /** The message names the rule, never the value: it may be a real secret with a typo. */
        private static AdminToken token(String what, String value) throws UsageException {
            try {
                return AdminToken.of(value);
            } catch (IllegalArgumentException e) {
                throw new UsageException(what + ": " + e.getMessage());
            }
        }

        /** {@code NAME:TYPE}, {@code NAME:TYPE:ID,ID} or {@code NAME:TYPE:!ID,ID}; instance ids are checked at start. */
        private static dev.borealis.cluster.CustomEndpoint customEndpoint(String flag, String value)
                throws UsageException {
            String[] parts = value.split(":", 3);
            if (parts.length < 2 || parts[0].isBlank()) {
                throw new UsageException(flag + ": '" + value + "' is not NAME:TYPE[:IDS] (e.g. analytics:READER:"
                        + "borealis-instance-2,borealis-instance-3)");
            }
            dev.borealis.cluster.CustomEndpointType type;
            try {
                type = dev.borealis.cluster.CustomEndpointType.parse(flag + " " + parts[0], parts[1]);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            String ids = parts.length == 3 ? parts[2] : "!";
            boolean allExcept = ids.startsWith("!");
            java.util.Set<String> listed = new java.util.LinkedHashSet<>();
            for (String id : (allExcept ? ids.substring(1) : ids).split(",")) {
                if (!id.isBlank()) {
                    listed.add(id.strip());
                }
            }
            if (!allExcept && listed.isEmpty()) {
                throw new UsageException(flag + ": '" + value + "' lists no instance (use NAME:TYPE for all of them)");
            }
            return new dev.borealis.cluster.CustomEndpoint(parts[0].strip(), type, allExcept, listed);
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

    AdminOptions adminOptions() {
        return AdminOptions.defaults().withPort(adminPort).withToken(adminToken).withTokenFile(adminTokenFile)
                .withRequestTimeout(Duration.ofMillis(adminRequestTimeoutMs));
    }

    @Override
    public String toString() {
        return "CliOptions[engine=" + engine + ", readers=" + readers + ", name=" + name + ", port=" + port
                + ", adminPort=" + adminPort + ", user=" + user + ", password=" + password + ", hostsFile=" + hostsFile
                + ", adminTokenFile=" + adminTokenFile + "]";
    }
}

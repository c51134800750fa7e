package dev.borealis.cluster.cli;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.ClusterBuilder;
import dev.borealis.cluster.Engine;
import dev.borealis.cluster.InstanceStatus;
import dev.borealis.cluster.server.ClusterEndpoints;
import dev.borealis.cluster.server.ClusterServer;
import dev.borealis.cluster.server.Endpoint;
import dev.borealis.cluster.server.ServerOptions;
import dev.borealis.cluster.server.WireProtocols;
import dev.borealis.cluster.server.admin.AdminServer;
import dev.borealis.cluster.server.admin.ClusterJson;
import dev.borealis.cluster.server.admin.Json;
import dev.borealis.cluster.wire.WireProtocol;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code java -jar borealis-cluster.jar}: starts a cluster, serves it, prints {@code READY {json}} and
 * runs until stopped (Ctrl-C / SIGTERM through a shutdown hook, or {@link #stop()} in-process).
 * States: parsing → starting → ready (waiting for stop) → stopping → done.
 */
public final class ClusterMain {

    private static final Logger LOG = Logger.getLogger(ClusterMain.class.getName());

    private final Function<Engine, WireProtocol> protocols;
    private final Function<String, String> env;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);

    public ClusterMain() {
        this(WireProtocols::find);
    }

    /** With the wire protocol chosen by the caller (tests use a protocol of their own). */
    ClusterMain(Function<Engine, WireProtocol> protocols) {
        this(protocols, System::getenv);
    }

    /** With the environment too (tests set BOREALIS_PASSWORD without touching the JVM's). */
    ClusterMain(Function<Engine, WireProtocol> protocols, Function<String, String> env) {
        this.protocols = protocols;
        this.env = env;
    }

    public static void main(String[] args) {
        ClusterMain main = new ClusterMain();
        Runtime.getRuntime().addShutdownHook(new Thread(main::stopAndWait, "borealis-cli-shutdown"));
        int status = main.run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs until {@link #stop()}; returns the exit status (0 stopped cleanly or help, 1 start failed, 2 usage). */
    public int run(String[] args, PrintStream out, PrintStream err) {
        try {
            CliOptions options;
            try {
                options = CliOptions.parse(args, env);
            } catch (UsageException e) {
                err.println("borealis-cluster: " + e.getMessage());
                err.println("Try --help for the list of flags.");
                return 2;
            }
            if (options.help()) {
                out.println(CliOptions.USAGE);
                return 0;
            }
            return serve(options, out, err);
        } finally {
            done.countDown();
        }
    }

    private int serve(CliOptions options, PrintStream out, PrintStream err) {
        Cluster cluster = null;
        ClusterServer server = null;
        AdminServer admin = null;
        try {
            WireProtocol protocol = protocols.apply(options.engine());
            cluster = builder(options).start();
            for (dev.borealis.cluster.CustomEndpoint endpoint : options.customEndpoints()) {
                cluster.createCustomEndpoint(endpoint);
            }
            server = ClusterServer.start(cluster, serverOptions(options, protocol));
            admin = AdminServer.start(server, options.adminOptions());
            out.println("READY " + Json.write(ready(options, server, admin)));
            out.flush();
            stopRequested.await();
            LOG.info(() -> "cluster " + options.name() + ": stopping");
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (Exception e) {
            LOG.log(Level.FINE, "start failed", e);
            err.println("borealis-cluster: cannot start cluster " + options.name() + ": " + e.getMessage());
            return 1;
        } finally {
            closeQuietly(admin);
            closeQuietly(server);
            closeQuietly(cluster);
        }
    }

    private ClusterBuilder builder(CliOptions options) {
        ClusterBuilder builder = Cluster.builder().engine(options.engine()).name(options.name())
                .readers(options.readers()).user(options.user(), options.password().value());
        if (options.replicaLagMs() != null) {
            builder.replicaLag(Duration.ofMillis(options.replicaLagMs()));
        }
        if (options.failoverDelayMs() != null) {
            builder.failoverDelay(Duration.ofMillis(options.failoverDelayMs()));
        }
        if (options.iamUser() != null) {
            // from the environment, not the command line, where every user of the machine could read them
            String keyId = env.apply("AWS_ACCESS_KEY_ID");
            String secret = env.apply("AWS_SECRET_ACCESS_KEY");
            if (keyId == null || secret == null) {
                throw new IllegalArgumentException("--iam-user: IAM mode needs AWS_ACCESS_KEY_ID and"
                        + " AWS_SECRET_ACCESS_KEY in the environment (the test credentials clients sign tokens with)");
            }
            builder.iamAuth(keyId, secret, options.iamRegion()).iamUser(options.iamUser());
        }
        return builder;
    }

    private static ServerOptions serverOptions(CliOptions options, WireProtocol protocol) {
        return ServerOptions.defaults().withPort(options.port()).withDomain(options.domain())
                .withDnsDelay(Duration.ofMillis(options.dnsDelayMs())).withHostsFile(options.hostsFile())
                .withPortPerInstance(options.portPerInstance()).withProtocol(protocol);
    }

    private static Map<String, Object> ready(CliOptions options, ClusterServer server, AdminServer admin) {
        ClusterEndpoints endpoints = server.endpoints();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", server.cluster().name());
        map.put("engine", server.cluster().engine().name().toLowerCase(Locale.ROOT));
        map.put("clusterEndpoint", ClusterJson.endpoint(endpoints.cluster()));
        map.put("readerEndpoint", ClusterJson.endpoint(endpoints.reader()));
        Map<String, Object> custom = new LinkedHashMap<>();
        endpoints.custom().forEach((name, endpoint) -> custom.put(name, ClusterJson.endpoint(endpoint)));
        map.put("customEndpoints", custom);
        List<Object> instances = new ArrayList<>();
        for (InstanceStatus status : server.cluster().topology().instances()) {
            Endpoint endpoint = endpoints.instances().get(status.id());
            Map<String, Object> instance = new LinkedHashMap<>();
            instance.put("id", status.id());
            instance.putAll(ClusterJson.endpoint(endpoint));
            instance.put("role", status.role().name().toLowerCase(Locale.ROOT));
            instance.put("tier", status.tier());
            instances.add(instance);
        }
        map.put("instances", instances);
        map.put("adminUrl", admin.url().toString());
        map.put("adminToken", admin.token().value());
        map.put("adminTokenFile", admin.tokenFile().toString());
        map.put("hostsFile", server.hostsFile().toString());
        map.put("user", options.user());
        if (options.password().generated()) {
            // printed once, here: a script reads it from the line it already parses; a given one never is
            map.put("password", options.password().value());
        }
        map.put("jdbcUrl", server.clusterUrl(""));
        return map;
    }

    /** Asks a running {@link #run} to stop; it returns 0 once everything is closed. */
    public void stop() {
        stopRequested.countDown();
    }

    private void stopAndWait() {
        stop();
        try {
            done.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "close failed", e);
            }
        }
    }
}

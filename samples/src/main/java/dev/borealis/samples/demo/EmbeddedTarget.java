package dev.borealis.samples.demo;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import dev.borealis.cluster.Instance;
import dev.borealis.cluster.InstanceState;
import dev.borealis.cluster.InstanceStatus;
import dev.borealis.cluster.server.ClusterServer;
import dev.borealis.cluster.server.Endpoint;
import dev.borealis.cluster.server.JvmNameResolution;
import dev.borealis.cluster.server.ServerOptions;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * An embedded cluster in this JVM, served on its own loopback addresses with Aurora-shaped hostnames, exactly as a
 * remote cluster would be reached: the app talks to it only through the Borealis driver over the network.
 */
final class EmbeddedTarget implements DemoTarget {

    static final String DATABASE_MYSQL = "demo";

    private final Cluster cluster;
    private final ClusterServer server;
    private final boolean byName;
    private final String url;

    private EmbeddedTarget(Cluster cluster, ClusterServer server, boolean byName) {
        this.cluster = cluster;
        this.server = server;
        this.byName = byName;
        this.url = borealisUrl();
    }

    static EmbeddedTarget start(Engine engine, int readers, boolean portPerInstance, boolean connectByIp)
            throws IOException, SQLException {
        // A name of its own per run: the driver shares topology per cluster id across the JVM (tests run several).
        String name = "demo-" + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36, 36 * 36 * 36 * 36), 36);
        Cluster cluster = Cluster.builder().engine(engine).name(name).readers(readers)
                .failoverDelay(Duration.ofMillis(1000)).start();
        try {
            ServerOptions options = ServerOptions.defaults().withPort(0).withPortPerInstance(portPerInstance);
            options = NameResolution.configured().map(options::withHostsFile).orElse(options);
            ClusterServer server = ClusterServer.start(cluster, options);
            Endpoint endpoint = server.clusterEndpoint();
            EmbeddedTarget target = new EmbeddedTarget(cluster, server,
                    !connectByIp && JvmNameResolution.resolves(endpoint));
            target.createDatabase();
            return target;
        } catch (IOException | SQLException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * The cluster endpoint by name when this JVM resolves the names, else by IP. Instance hosts are mapped
     * explicitly when they cannot be derived from the endpoint's name (IPs, or one port per instance).
     */
    private String borealisUrl() {
        return borealisUrl(database());
    }

    private String borealisUrl(String database) {
        Endpoint endpoint = server.clusterEndpoint();
        String scheme = cluster.engine() == Engine.MYSQL ? "mysql" : "postgresql";
        StringBuilder u = new StringBuilder("jdbc:borealis:").append(scheme).append("://")
                .append(byName ? endpoint.host() : endpoint.ip()).append(':').append(endpoint.port())
                .append('/').append(database).append("?clusterId=").append(cluster.name());
        if (!byName || !server.distinctAddresses()) {
            u.append("&clusterInstanceHostMap=").append(instanceHostMap());
        }
        if (cluster.engine() == Engine.MYSQL) {
            u.append("&allowPublicKeyRetrieval=true"); // the embedded server uses caching_sha2 without TLS
        }
        return u.toString();
    }

    private String instanceHostMap() {
        return server.endpoints().instances().entrySet().stream()
                .map(e -> e.getKey() + "=" + (byName ? e.getValue().host() : e.getValue().ip()) + ":" + e.getValue().port())
                .collect(Collectors.joining(","));
    }

    private String database() {
        return cluster.engine() == Engine.MYSQL ? DATABASE_MYSQL : "postgres";
    }

    /** MySQL has no database to create tables in until one is created. */
    private void createDatabase() throws SQLException {
        if (cluster.engine() != Engine.MYSQL) {
            return;
        }
        try (Connection c = DriverManager.getConnection(borealisUrl(""), "admin", "admin");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE_MYSQL);
        }
    }

    @Override
    public Engine engine() {
        return cluster.engine();
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("embedded " + cluster.engine().displayName() + " cluster '" + cluster.name() + "': writer "
                + cluster.topology().writerId() + ", readers " + readerIds());
        lines.add("  cluster endpoint  " + show(server.clusterEndpoint()));
        lines.add("  reader endpoint   " + show(server.readerEndpoint()));
        for (Map.Entry<String, Endpoint> e : server.endpoints().instances().entrySet()) {
            lines.add("  " + e.getKey() + "   " + show(e.getValue()));
        }
        lines.add("  hosts file        " + server.hostsFile() + (byName ? " (names resolve in this JVM)"
                : " (connecting by IP: names not used in this JVM)"));
        return lines;
    }

    private static String show(Endpoint e) {
        return e.host() + " -> " + e.ip() + ":" + e.port();
    }

    private List<String> readerIds() {
        return cluster.topology().readers().stream().map(InstanceStatus::id).toList();
    }

    @Override
    public List<String> instanceIds() {
        return cluster.topology().instances().stream().map(InstanceStatus::id).sorted().toList();
    }

    @Override
    public boolean canCrash() {
        return true;
    }

    @Override
    public String crashWriter() {
        String writer = cluster.topology().writerId();
        cluster.crash(writer);
        return writer;
    }

    @Override
    public Optional<String> writerState() {
        Instance writer = cluster.writer();
        if (writer == null) {
            return Optional.of("none");
        }
        return Optional.of(writer.id() + (writer.state() == InstanceState.AVAILABLE ? ""
                : " (" + writer.state().name().toLowerCase(java.util.Locale.ROOT) + ")"));
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            cluster.close();
        }
    }
}

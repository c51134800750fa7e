package dev.borealis.cluster.server;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Crashes and network faults as real drivers (Connector/J, pgJDBC) see them through the network
 * layer and the wire frontends: what Aurora clients must survive.
 */
class WireFaultsTest {

    private static Cluster cluster(Engine engine, String name) {
        return Cluster.builder().engine(engine).name(name).readers(1)
                .failoverDelay(Duration.ofMillis(200)).rebootDelay(Duration.ofMillis(200)).start();
    }

    private static Connection connect(ClusterServer server, String instanceId, int socketTimeoutSeconds)
            throws SQLException {
        Engine engine = server.cluster().engine();
        Properties props = new Properties();
        props.setProperty("user", "admin");
        props.setProperty("password", "admin");
        if (engine == Engine.MYSQL) {
            props.setProperty("socketTimeout", String.valueOf(socketTimeoutSeconds * 1000));
            props.setProperty("allowPublicKeyRetrieval", "true");
        } else {
            props.setProperty("socketTimeout", String.valueOf(socketTimeoutSeconds));
        }
        String db = engine == Engine.MYSQL ? "" : "postgres";
        return DriverManager.getConnection(server.instanceEndpoint(instanceId).jdbcUrlByIp(engine, db), props);
    }

    private static int selectOne(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static boolean isConnectionError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P01"));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aCrashedWritersClientsGetAConnectionErrorAndTheNewWriterTakesWrites(Engine engine) throws Exception {
        try (Cluster cluster = cluster(engine, "wcrash");
             ClusterServer server = ClusterServer.start(cluster, ServerOptions.defaults().withPort(0))) {
            String writer = cluster.topology().writerId();
            try (Connection c = connect(server, writer, 10)) {
                c.createStatement().execute("CREATE TABLE t (a INT)");
                cluster.crash(writer);
                assertThatThrownBy(() -> selectOne(c)).isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(isConnectionError(e)).as(e.getSQLState() + " " + e.getMessage()).isTrue());
            }
            assertThat(cluster.awaitWriter(Duration.ofSeconds(5))).isTrue();
            try (Connection c = connect(server, cluster.topology().writerId(), 10)) {
                c.createStatement().execute("INSERT INTO t VALUES (1)");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aBlackholedInstanceStallsSilentlyUntilTheClientsSocketTimeout(Engine engine) throws Exception {
        try (Cluster cluster = cluster(engine, "wblack");
             ClusterServer server = ClusterServer.start(cluster, ServerOptions.defaults().withPort(0))) {
            String writer = cluster.topology().writerId();
            try (Connection c = connect(server, writer, 1)) {
                assertThat(selectOne(c)).isEqualTo(1);
                server.inject(writer, NetworkFault.BLACKHOLE);
                long t0 = System.nanoTime();
                assertThatThrownBy(() -> selectOne(c)).isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(isConnectionError(e)).as(e.getSQLState() + " " + e.getMessage()).isTrue());
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("silence, not a reset")
                        .isGreaterThanOrEqualTo(Duration.ofMillis(900));
            } finally {
                server.inject(writer, NetworkFault.NORMAL);
            }
            try (Connection c = connect(server, writer, 5)) {
                assertThat(selectOne(c)).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aResetDropsOpenConnectionsAndNewOnesWork(Engine engine) throws Exception {
        try (Cluster cluster = cluster(engine, "wreset");
             ClusterServer server = ClusterServer.start(cluster, ServerOptions.defaults().withPort(0))) {
            String writer = cluster.topology().writerId();
            try (Connection c = connect(server, writer, 10)) {
                assertThat(selectOne(c)).isEqualTo(1);
                server.inject(writer, NetworkFault.RESET);
                assertThatThrownBy(() -> selectOne(c)).isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(isConnectionError(e)).as(e.getSQLState() + " " + e.getMessage()).isTrue());
            }
            try (Connection c = connect(server, writer, 10)) {
                assertThat(selectOne(c)).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void addedLatencySlowsEveryRoundTrip(Engine engine) throws Exception {
        try (Cluster cluster = cluster(engine, "wlatency");
             ClusterServer server = ClusterServer.start(cluster, ServerOptions.defaults().withPort(0))) {
            String writer = cluster.topology().writerId();
            try (Connection c = connect(server, writer, 10)) {
                server.inject(writer, new NetworkFault.Latency(Duration.ofMillis(150)));
                long t0 = System.nanoTime();
                assertThat(selectOne(c)).isEqualTo(1);
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
            }
        }
    }
}

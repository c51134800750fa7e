package dev.borealis.cluster.wire.mysql;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A crashed or demoted instance's clients see a connection error (class 08) and the socket close, as on Aurora. */
class InstanceLossTest {

    private Cluster cluster;
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        cluster = Cluster.builder().engine(Engine.MYSQL).name("loss").readers(1).failoverDelay(Duration.ofMillis(200))
                .start();
        server = new TestServer(cluster, null);
    }

    @AfterEach
    void stop() {
        server.close();
        cluster.close();
    }

    private Connection connect(String instanceId) throws SQLException {
        return DriverManager.getConnection(server.url(instanceId, "", "allowPublicKeyRetrieval=true&useSSL=false"),
                "admin", "admin");
    }

    @Test
    void crashedWriterSessionsGetAConnectionError() throws Exception {
        String writer = cluster.writer().id();
        try (Connection c = connect(writer); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE d");
            cluster.crash(writer);
            assertThatThrownBy(() -> st.executeQuery("SELECT 1"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).startsWith("08"));
            assertThat(c.isValid(2)).isFalse();
        }
    }

    @Test
    void idleClientsOfACrashedReaderSeeTheirSocketClose() throws Exception {
        String reader = cluster.topology().readers().get(0).id();
        byte[][] answer = new byte[1][];
        try (RawMySqlClient raw = RawMySqlClient.login(server.port(reader), "admin", "admin", answer)) {
            assertThat(answer[0][0]).isZero();
            cluster.crash(reader);
            // the socket closes; an error packet may come first (as from a server shutting down)
            assertThat(raw.drainUntilClosed(new java.io.ByteArrayOutputStream())).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void demotedWriterSessionsAreCutAndTheNewWriterAcceptsWrites() throws Exception {
        String oldWriter = cluster.writer().id();
        try (Connection c = connect(oldWriter); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE f");
            String newWriter = cluster.failover();
            assertThatThrownBy(() -> st.executeUpdate("CREATE TABLE f.t (id INT)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).startsWith("08"));
            try (Connection n = connect(newWriter); Statement ns = n.createStatement()) {
                ns.execute("CREATE TABLE f.t (id INT)");
                ns.execute("INSERT INTO f.t VALUES (1)");
                try (ResultSet rs = ns.executeQuery("SELECT @@innodb_read_only, COUNT(*) FROM f.t")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isZero();
                    assertThat(rs.getInt(2)).isEqualTo(1);
                }
            }
        }
    }
}

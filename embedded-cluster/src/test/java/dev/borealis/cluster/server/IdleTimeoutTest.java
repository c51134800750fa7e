package dev.borealis.cluster.server;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import dev.borealis.cluster.wire.WireLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.DataInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static dev.borealis.cluster.server.ServerFixture.await;
import static dev.borealis.cluster.server.ServerFixture.uniqueName;
import static dev.borealis.cluster.server.WireClients.connect;
import static dev.borealis.cluster.server.WireClients.connectionThreads;
import static dev.borealis.cluster.server.WireClients.selectOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Regression (issue 12): 500 idle connections were held for 30 s, whatever the engines' idle settings said. Now
 * MySQL's wait_timeout (global from the limits, per session with SET) and PostgreSQL's idle_session_timeout and
 * idle_in_transaction_session_timeout end the session with what the real servers send.
 */
class IdleTimeoutTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aSessionIdleLongerThanTheServersIdleTimeoutIsClosed(Engine engine) throws Exception {
        WireLimits limits = WireLimits.defaults(engine).withIdleTimeout(Duration.ofMillis(300));
        try (Cluster cluster = WireClients.cluster(engine, uniqueName("idle"));
             ClusterServer server = WireClients.serve(cluster, limits);
             Connection c = connect(server)) {
            assertThat(selectOne(c)).isEqualTo(1);
            await("the idle session is closed", Duration.ofSeconds(10), () -> connectionThreads(cluster) == 0);
            assertThatThrownBy(() -> selectOne(c)).isInstanceOfSatisfying(SQLException.class,
                    e -> assertIdleError(engine, e, false));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aSessionSetsItsOwnIdleTimeout(Engine engine) throws Exception {
        try (Cluster cluster = WireClients.cluster(engine, uniqueName("idles"));
             ClusterServer server = WireClients.serve(cluster, WireLimits.defaults(engine));
             Connection c = connect(server)) {
            try (Statement st = c.createStatement()) {
                st.execute(engine == Engine.MYSQL ? "SET SESSION wait_timeout = 1" : "SET idle_session_timeout = 300");
            }
            await("the idle session is closed", Duration.ofSeconds(10), () -> connectionThreads(cluster) == 0);
            assertThatThrownBy(() -> selectOne(c)).isInstanceOfSatisfying(SQLException.class,
                    e -> assertIdleError(engine, e, false));
        }
    }

    @Test
    void postgresqlEndsASessionIdleInATransactionWith25P03() throws Exception {
        Engine engine = Engine.POSTGRESQL;
        try (Cluster cluster = WireClients.cluster(engine, uniqueName("idlet"));
             ClusterServer server = WireClients.serve(cluster, WireLimits.defaults(engine));
             Connection c = connect(server)) {
            try (Statement st = c.createStatement()) {
                st.execute("SET idle_in_transaction_session_timeout = '300ms'");
            }
            c.setAutoCommit(false);
            assertThat(selectOne(c)).isEqualTo(1);
            await("the idle transaction's session is closed", Duration.ofSeconds(10),
                    () -> connectionThreads(cluster) == 0);
            assertThatThrownBy(() -> selectOne(c)).isInstanceOfSatisfying(SQLException.class,
                    e -> assertIdleError(engine, e, true));
        }
    }

    /** What MySQL 8.0.24+ sends on the wire before closing: ERR 4031 with sequence 0, unsolicited. */
    @Test
    void mysqlSendsError4031BeforeClosingAnIdleConnection() throws Exception {
        Engine engine = Engine.MYSQL;
        WireLimits limits = WireLimits.defaults(engine).withIdleTimeout(Duration.ofMillis(200));
        try (Cluster cluster = WireClients.cluster(engine, uniqueName("idler"));
             ClusterServer server = WireClients.serve(cluster, limits);
             Socket s = WireClients.login(server)) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            int length = in.readUnsignedByte() | in.readUnsignedByte() << 8 | in.readUnsignedByte() << 16;
            assertThat(in.readUnsignedByte()).as("sequence").isZero();
            byte[] err = in.readNBytes(length);
            assertThat(err[0] & 0xff).isEqualTo(0xff);
            assertThat((err[1] & 0xff) | (err[2] & 0xff) << 8).isEqualTo(4031);
            assertThat(new String(err, 3, err.length - 3, StandardCharsets.UTF_8)).startsWith("#HY000The client was"
                    + " disconnected by the server because of inactivity.");
            assertThat(in.read()).as("then the connection closes").isEqualTo(-1);
        }
    }

    private static void assertIdleError(Engine engine, SQLException e, boolean inTransaction) {
        if (engine == Engine.MYSQL) {
            assertThat(e.getMessage()).contains("disconnected by the server because of inactivity");
        } else {
            assertThat(e.getSQLState()).isEqualTo(inTransaction ? "25P03" : "57P05");
        }
    }
}

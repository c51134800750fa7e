package dev.borealis.cluster.wire.pg;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Aurora PostgreSQL system surface as clients (the AWS wrapper's aurora-pg dialect) read it, over the wire. */
class AuroraPgSurfaceTest {

    private static Cluster cluster;
    private static PgTestServer server;
    private static String writer;
    private static String reader;

    @BeforeAll
    static void start() {
        cluster = Cluster.builder().engine(Engine.POSTGRESQL).name("aurorapg").readers(2).user("app", "pw").start();
        server = new PgTestServer(cluster, PgAuthMethod.MD5);
        writer = cluster.topology().writerId();
        reader = cluster.topology().readers().get(0).id();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        cluster.close();
    }

    private static Connection connect(String instance) throws SQLException {
        return DriverManager.getConnection(server.url(instance, ""), "app", "pw");
    }

    private static String one(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    @Test
    void replicaStatusListsEveryInstanceWithTheWriterMarkedAsMasterSession() throws Exception {
        try (Connection c = connect(reader); Statement st = c.createStatement()) {
            for (String from : new String[] {"aurora_replica_status()", "pg_catalog.aurora_replica_status()"}) {
                Map<String, String> sessions = new HashMap<>();
                Map<String, Object> lag = new HashMap<>();
                try (ResultSet rs = st.executeQuery("SELECT server_id, session_id, replica_lag_in_msec, is_current,"
                        + " last_update_timestamp, durable_lsn, highest_lsn_rcvd, current_read_lsn, cur_replay_latency_in_usec,"
                        + " active_txns, cpu, iops FROM " + from)) {
                    while (rs.next()) {
                        sessions.put(rs.getString("server_id"), rs.getString("session_id"));
                        lag.put(rs.getString("server_id"), rs.getObject("replica_lag_in_msec"));
                        assertThat(rs.getBoolean("is_current")).isEqualTo(rs.getString("server_id").equals(reader));
                        assertThat(rs.getTimestamp("last_update_timestamp")).isNotNull();
                    }
                }
                assertThat(sessions).hasSize(3).containsEntry(writer, "MASTER_SESSION_ID");
                assertThat(sessions.get(reader)).isNotEqualTo("MASTER_SESSION_ID");
                assertThat(lag.get(writer)).isNull();
                assertThat(lag.get(reader)).isNotNull();
            }
            // the wrapper's own topology query shape
            try (ResultSet rs = st.executeQuery("SELECT SERVER_ID, CASE WHEN SESSION_ID OPERATOR(pg_catalog.=) 'MASTER_SESSION_ID'"
                    + " THEN TRUE ELSE FALSE END, CPU, COALESCE(REPLICA_LAG_IN_MSEC, 0), LAST_UPDATE_TIMESTAMP"
                    + " FROM pg_catalog.aurora_replica_status() WHERE EXTRACT(EPOCH FROM(pg_catalog.NOW() - LAST_UPDATE_TIMESTAMP))"
                    + " <= 300 OR SESSION_ID OPERATOR(pg_catalog.=) 'MASTER_SESSION_ID' OR LAST_UPDATE_TIMESTAMP IS NULL")) {
                int writers = 0;
                int rows = 0;
                while (rs.next()) {
                    rows++;
                    writers += rs.getBoolean(2) ? 1 : 0;
                }
                assertThat(rows).isEqualTo(3);
                assertThat(writers).isEqualTo(1);
            }
        }
    }

    @Test
    void instanceIdentityAndRoleFunctionsDifferBetweenWriterAndReader() throws Exception {
        try (Connection w = connect(writer); Statement ws = w.createStatement();
             Connection r = connect(reader); Statement rs = r.createStatement()) {
            assertThat(one(ws, "SELECT aurora_db_instance_identifier()")).isEqualTo(writer);
            assertThat(one(rs, "SELECT pg_catalog.aurora_db_instance_identifier()")).isEqualTo(reader);
            assertThat(one(ws, "SELECT pg_is_in_recovery()")).isEqualTo("f");
            assertThat(one(rs, "SELECT pg_catalog.pg_is_in_recovery()")).isEqualTo("t");
            assertThat(one(ws, "SHOW transaction_read_only")).isEqualTo("off");
            assertThat(one(rs, "SHOW transaction_read_only")).isEqualTo("on");
            assertThat(one(ws, "SELECT aurora_version()")).matches("16\\.\\d+\\.\\d+");
            assertThat(one(rs, "SELECT setting FROM pg_settings WHERE name = 'rds.extensions'")).contains("aurora_stat_utils");
            assertThat(one(rs, "SELECT (setting LIKE '%aurora_stat_utils%') AS aurora_stat_utils FROM pg_catalog.pg_settings"
                    + " WHERE name OPERATOR(pg_catalog.=) 'rds.extensions'")).isEqualTo("t");
            assertThat(one(rs, "SELECT 'pg_catalog.aurora_replica_status'::regproc")).isEqualTo("aurora_replica_status");
            // not an RDS Multi-AZ cluster nor a global database: probing for their functions fails as on Aurora
            assertThatThrownBy(() -> one(rs, "SELECT 'rds_tools.show_topology'::regproc"))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42883"));
            assertThatThrownBy(() -> one(rs, "SELECT 'aurora_global_db_status'::regproc"))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42883"));
            assertThat(one(rs, "SELECT inet_server_addr()")).isEqualTo("127.0.0.1");
            assertThat(one(rs, "SELECT inet_server_port()")).isEqualTo(String.valueOf(server.port(reader)));
        }
    }

    @Test
    void currentUserAndSessionUserNameTheLoggedInRole() throws Exception {
        try (Connection c = connect(writer); Statement st = c.createStatement()) {
            String user = c.getMetaData().getUserName();
            assertThat(user).isNotBlank();
            assertThat(one(st, "SELECT current_user")).isEqualTo(user);
            assertThat(one(st, "SELECT session_user")).isEqualTo(user);
            assertThat(one(st, "SELECT 1 WHERE current_user = '" + user + "'")).isEqualTo("1");
        }
    }

    @Test
    void writesOnAReaderFailWith25006AndReadsSeeReplicatedRows() throws Exception {
        try (Connection w = connect(writer); Statement ws = w.createStatement()) {
            ws.execute("CREATE TABLE IF NOT EXISTS repl (id SERIAL PRIMARY KEY, v TEXT)");
            ws.execute("INSERT INTO repl (v) VALUES ('from-writer')");
        }
        assertThat(cluster.awaitReplication(Duration.ofSeconds(10))).isTrue();
        try (Connection r = connect(reader); Statement rs = r.createStatement()) {
            assertThat(one(rs, "SELECT v FROM repl")).isEqualTo("from-writer");
            assertThatThrownBy(() -> rs.execute("INSERT INTO repl (v) VALUES ('x')"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25006"));
            // the connection is still usable afterwards
            assertThat(one(rs, "SELECT 1")).isEqualTo("1");
        }
    }

    @Test
    void aCrashedInstanceEndsItsSessionsWith57P01() throws Exception {
        String victim = cluster.topology().readers().get(1).id();
        try (Connection c = connect(victim); Statement st = c.createStatement()) {
            assertThat(one(st, "SELECT 1")).isEqualTo("1");
            cluster.crash(victim);
            assertThatThrownBy(() -> st.executeQuery("SELECT 1"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("57P01", "08006"));
            assertThat(c.isValid(1)).isFalse();
        } finally {
            cluster.restart(victim);
            cluster.awaitAvailable(victim, Duration.ofSeconds(10));
        }
    }
}

package dev.borealis.cluster.wire.mysql;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import dev.borealis.cluster.Instance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Aurora MySQL's system surface, seen through Connector/J from the writer and from a reader. */
class AuroraSurfaceTest {

    private static Cluster cluster;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        cluster = Cluster.builder().engine(Engine.MYSQL).name("aurora").readers(2).start();
        server = new TestServer(cluster, null);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Connection connect(String instanceId) throws SQLException {
        return DriverManager.getConnection(server.url(instanceId, "", "allowPublicKeyRetrieval=true&useSSL=false"),
                "admin", "admin");
    }

    private static String reader() {
        return cluster.topology().readers().get(0).id();
    }

    @Test
    void replicaHostStatusListsEveryInstanceWithTheWriterMarkedFromAnyInstance() throws Exception {
        for (Instance instance : cluster.instances()) {
            try (Connection c = connect(instance.id()); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT SERVER_ID, SESSION_ID, CPU, REPLICA_LAG_IN_MILLISECONDS,"
                         + " LAST_UPDATE_TIMESTAMP, IS_CURRENT FROM information_schema.replica_host_status"
                         + " WHERE time_to_sec(timediff(now(), LAST_UPDATE_TIMESTAMP)) <= 300 ORDER BY SERVER_ID")) {
                Map<String, String> sessions = new HashMap<>();
                while (rs.next()) {
                    sessions.put(rs.getString("SERVER_ID"), rs.getString("SESSION_ID"));
                    assertThat(rs.getTimestamp("LAST_UPDATE_TIMESTAMP")).isNotNull();
                    assertThat(rs.getInt("IS_CURRENT")).isEqualTo(1);
                }
                assertThat(sessions).hasSize(3);
                assertThat(sessions.get(cluster.writer().id())).isEqualTo("MASTER_SESSION_ID");
                assertThat(sessions.get(reader())).isNotEqualTo("MASTER_SESSION_ID");
            }
        }
    }

    @Test
    void replicaHostStatusHasAurorasColumnTypesAndJoinsLikeATable() throws Exception {
        try (Connection c = connect(reader()); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT * FROM information_schema.replica_host_status LIMIT 1")) {
                ResultSetMetaData md = rs.getMetaData();
                Map<String, Integer> types = new HashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    types.put(md.getColumnLabel(i), md.getColumnType(i));
                }
                assertThat(types).containsEntry("SERVER_ID", Types.VARCHAR).containsEntry("SESSION_ID", Types.VARCHAR)
                        .containsEntry("CPU", Types.DOUBLE).containsEntry("REPLICA_LAG_IN_MILLISECONDS", Types.DOUBLE)
                        .containsEntry("LAST_UPDATE_TIMESTAMP", Types.TIMESTAMP)
                        .containsKeys("MASTER_SLAVE_LATENCY_IN_MICROSECONDS", "CURRENT_REPLAY_LATENCY_IN_MICROSECONDS");
            }
            try (ResultSet rs = st.executeQuery("SELECT w.SERVER_ID, COUNT(r.SERVER_ID)"
                    + " FROM information_schema.replica_host_status w JOIN INFORMATION_SCHEMA.REPLICA_HOST_STATUS r"
                    + " ON r.SESSION_ID <> 'MASTER_SESSION_ID' WHERE w.SESSION_ID = 'MASTER_SESSION_ID' GROUP BY w.SERVER_ID")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(cluster.writer().id());
                assertThat(rs.getInt(2)).isEqualTo(2);
            }
        }
    }

    @Test
    void topologyQueriesOfAuroraAwareClientsWork() throws Exception {
        String writer = cluster.writer().id();
        try (Connection c = connect(reader()); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT SERVER_ID, CASE WHEN SESSION_ID = 'MASTER_SESSION_ID' THEN TRUE"
                    + " ELSE FALSE END, CPU, REPLICA_LAG_IN_MILLISECONDS, LAST_UPDATE_TIMESTAMP"
                    + " FROM information_schema.replica_host_status"
                    + " WHERE time_to_sec(timediff(now(), LAST_UPDATE_TIMESTAMP)) <= 300 OR SESSION_ID = 'MASTER_SESSION_ID' ")) {
                int writers = 0;
                int rows = 0;
                while (rs.next()) {
                    rows++;
                    if (rs.getBoolean(2)) {
                        writers++;
                        assertThat(rs.getString(1)).isEqualTo(writer);
                    }
                }
                assertThat(rows).isEqualTo(3);
                assertThat(writers).isEqualTo(1);
            }
            try (ResultSet rs = st.executeQuery("SELECT SERVER_ID FROM information_schema.replica_host_status"
                    + " WHERE SESSION_ID = 'MASTER_SESSION_ID' AND SERVER_ID = @@aurora_server_id")) {
                assertThat(rs.next()).isFalse(); // a reader is not the writer
            }
            try (ResultSet rs = st.executeQuery("SELECT @@aurora_server_id, server_id FROM information_schema.replica_host_status"
                    + " WHERE session_id = 'MASTER_SESSION_ID'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(reader());
                assertThat(rs.getString(2)).isEqualTo(writer);
            }
        }
    }

    @Test
    void systemVariablesTellWriterFromReader() throws Exception {
        String query = "SELECT @@aurora_server_id, @@innodb_read_only, @@read_only, @@aurora_version, AURORA_VERSION(),"
                + " @@hostname, @@port, @@version_comment";
        try (Connection w = connect(cluster.writer().id()); Connection r = connect(reader());
             Statement ws = w.createStatement(); Statement rst = r.createStatement();
             ResultSet wr = ws.executeQuery(query); ResultSet rr = rst.executeQuery(query)) {
            wr.next();
            rr.next();
            assertThat(wr.getString(1)).isEqualTo(cluster.writer().id());
            assertThat(rr.getString(1)).isEqualTo(reader());
            assertThat(wr.getInt(2)).isZero();
            assertThat(rr.getInt(2)).isEqualTo(1);
            assertThat(rr.getInt(3)).isEqualTo(1);
            assertThat(wr.getString(4)).isEqualTo(Protocol.AURORA_VERSION).isEqualTo(wr.getString(5));
            assertThat(wr.getString(6)).isNotBlank();
            assertThat(rr.getInt(7)).isEqualTo(server.port(reader()));
            assertThat(wr.getMetaData().getColumnLabel(2)).isEqualTo("@@innodb_read_only");
            assertThat(wr.getMetaData().getColumnLabel(5)).as("labelled as MySQL does, by the call's text")
                    .isEqualTo("AURORA_VERSION()");
        }
        try (Connection c = connect(reader()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW VARIABLES LIKE 'aurora_version'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("Variable_name")).isEqualTo("aurora_version");
            assertThat(rs.getString("Value")).isEqualTo(Protocol.AURORA_VERSION);
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void writesOnAReaderFailWithReadOnlyErrorAndReadsSeeTheWritersCommit() throws Exception {
        try (Connection w = connect(cluster.writer().id()); Statement st = w.createStatement()) {
            st.execute("CREATE DATABASE IF NOT EXISTS ro");
            st.execute("CREATE TABLE ro.t (id INT PRIMARY KEY, v VARCHAR(10))");
            st.execute("INSERT INTO ro.t VALUES (1, 'one')");
        }
        assertThat(cluster.awaitReplication(Duration.ofSeconds(10))).isTrue();
        try (Connection r = connect(reader()); Statement st = r.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT v FROM ro.t WHERE id = 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("one");
            }
            assertThatThrownBy(() -> st.executeUpdate("INSERT INTO ro.t VALUES (2, 'two')"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(1290);
                        assertThat(e.getSQLState()).isEqualTo("HY000");
                        assertThat(e.getMessage()).contains("--read-only");
                    });
            assertThatThrownBy(() -> st.execute("CREATE TABLE ro.u (id INT)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1290));
            try (ResultSet rs = st.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue(); // the connection survives the refused write
            }
        }
    }
}

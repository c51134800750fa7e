package dev.borealis.cluster.wire.mysql;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The session-level statements clients send: SET, SHOW, USE, transactions, multi-statements, KILL. */
class SessionCommandsTest {

    private static Cluster cluster;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        cluster = Cluster.builder().engine(Engine.MYSQL).name("session").readers(1).start();
        server = new TestServer(cluster, null);
        try (Connection c = connect(""); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE app");
            st.execute("CREATE TABLE app.items (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(30) NOT NULL,"
                    + " price DECIMAL(8,2) DEFAULT 0, KEY idx_name (name))");
        }
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

    private static Connection connect(String options) throws SQLException {
        return DriverManager.getConnection(server.url(cluster.writer().id(), "",
                "allowPublicKeyRetrieval=true&useSSL=false&" + options), "admin", "admin");
    }

    private static List<String> column(ResultSet rs, int column) throws SQLException {
        List<String> values = new ArrayList<>();
        while (rs.next()) {
            values.add(rs.getString(column));
        }
        return values;
    }

    @Test
    void setAndSelectSystemVariables() throws Exception {
        try (Connection c = connect(""); Statement st = c.createStatement()) {
            st.execute("SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci");
            st.execute("SET SESSION sql_mode = 'ANSI_QUOTES', @@session.wait_timeout = 100, @mine = 7");
            try (ResultSet rs = st.executeQuery("SELECT @@sql_mode, @@SESSION.wait_timeout, @mine, @@collation_connection")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("ANSI_QUOTES");
                assertThat(rs.getInt(2)).isEqualTo(100);
                assertThat(rs.getInt(3)).isEqualTo(7);
                assertThat(rs.getString(4)).isEqualTo("utf8mb4_unicode_ci");
            }
            assertThatThrownBy(() -> st.executeQuery("SELECT @@no_such_variable"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1193));
            assertThatThrownBy(() -> st.execute("SET GLOBAL max_connections = 5"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1227));
            assertThatThrownBy(() -> st.execute("SET @@innodb_read_only = 0"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1238));
            try (ResultSet rs = st.executeQuery("SHOW VARIABLES WHERE Variable_name IN ('wait_timeout', 'autocommit')")) {
                assertThat(column(rs, 2)).containsExactlyInAnyOrder("100", "1");
            }
        }
    }

    @Test
    void showStatementsDescribeDatabasesTablesColumnsAndIndexes() throws Exception {
        try (Connection c = connect(""); Statement st = c.createStatement()) {
            st.execute("USE app");
            try (ResultSet rs = st.executeQuery("SHOW DATABASES")) {
                assertThat(column(rs, 1)).contains("app", "information_schema").doesNotContain(Functions.SCHEMA);
            }
            try (ResultSet rs = st.executeQuery("SHOW FULL TABLES")) {
                assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("Tables_in_app");
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("items");
                assertThat(rs.getString(2)).isEqualTo("BASE TABLE");
            }
            try (ResultSet rs = st.executeQuery("SHOW COLUMNS FROM items")) {
                rs.next();
                assertThat(rs.getString("Field")).isEqualTo("id");
                assertThat(rs.getString("Type")).isEqualTo("int");
                assertThat(rs.getString("Key")).isEqualTo("PRI");
                assertThat(rs.getString("Extra")).isEqualTo("auto_increment");
                rs.next();
                assertThat(rs.getString("Type")).isEqualTo("varchar(30)");
                assertThat(rs.getString("Null")).isEqualTo("NO");
                assertThat(rs.getString("Key")).isEqualTo("MUL");
                rs.next();
                assertThat(rs.getString("Type")).isEqualTo("decimal(8,2)");
            }
            try (ResultSet rs = st.executeQuery("SHOW INDEX FROM app.items")) {
                assertThat(column(rs, 3)).containsExactly("PRIMARY", "idx_name");
            }
            try (ResultSet rs = st.executeQuery("SHOW CREATE TABLE items")) {
                rs.next();
                assertThat(rs.getString(2)).startsWith("CREATE TABLE `items`").contains("PRIMARY KEY (`id`)")
                        .contains("KEY `idx_name` (`name`)");
            }
            try (ResultSet rs = st.executeQuery("DESCRIBE items")) {
                assertThat(column(rs, 1)).containsExactly("id", "name", "price");
            }
            assertThatThrownBy(() -> st.execute("USE no_such_db"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1049));
            try (ResultSet rs = st.executeQuery("SHOW WARNINGS")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt("Code")).isEqualTo(1049);
            }
        }
    }

    @Test
    void multiStatementsReturnOneResultPerStatementWhenTheClientAllowsThem() throws Exception {
        try (Connection c = connect("allowMultiQueries=true"); Statement st = c.createStatement()) {
            assertThat(st.execute("INSERT INTO app.items (name) VALUES ('multi'); SELECT COUNT(*) FROM app.items"
                    + " WHERE name = 'multi'; SELECT 'x' AS \"label\"")).isFalse();
            assertThat(st.getUpdateCount()).isEqualTo(1);
            assertThat(st.getMoreResults()).isTrue();
            try (ResultSet rs = st.getResultSet()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            assertThat(st.getMoreResults()).isTrue();
            try (ResultSet rs = st.getResultSet()) {
                rs.next();
                assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("label");
                assertThat(rs.getString(1)).isEqualTo("x");
            }
        }
        try (Connection c = connect(""); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute("SELECT 1; SELECT 2"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1064));
        }
    }

    @Test
    void readOnlyTransactionsAndIsolationSettingsAreHonoured() throws Exception {
        try (Connection c = connect("")) {
            c.setCatalog("app");
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
            try (Statement st = c.createStatement()) {
                st.execute("START TRANSACTION READ ONLY");
                assertThatThrownBy(() -> st.executeUpdate("INSERT INTO items (name) VALUES ('no')"))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1792));
                st.execute("COMMIT");
                c.setReadOnly(true);
                try (ResultSet rs = st.executeQuery("SELECT @@transaction_read_only")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
                c.setReadOnly(false);
                st.execute("START TRANSACTION READ WRITE");
                st.executeUpdate("INSERT INTO items (name) VALUES ('yes')");
                st.execute("ROLLBACK");
                st.execute("SET TRANSACTION READ ONLY"); // the next transaction only
                assertThatThrownBy(() -> st.executeUpdate("INSERT INTO items (name) VALUES ('no')"))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1792));
                assertThat(st.executeUpdate("INSERT INTO items (name) VALUES ('again')")).isEqualTo(1);
                st.execute("BEGIN");
                assertThatThrownBy(() -> st.execute("SET TRANSACTION READ ONLY"))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1568));
                st.execute("ROLLBACK");
            }
        }
    }

    @Test
    void killQueryAndKillConnectionFindTheTargetByItsConnectionId() throws Exception {
        try (Connection victim = connect(""); Connection killer = connect("")) {
            long id;
            try (Statement st = victim.createStatement(); ResultSet rs = st.executeQuery("SELECT CONNECTION_ID()")) {
                rs.next();
                id = rs.getLong(1);
            }
            try (Statement st = killer.createStatement()) {
                try (ResultSet rs = st.executeQuery("SHOW FULL PROCESSLIST")) {
                    assertThat(column(rs, 1)).contains(String.valueOf(id));
                }
                st.execute("KILL QUERY " + id);
                try (Statement v = victim.createStatement(); ResultSet rs = v.executeQuery("SELECT 1")) {
                    assertThat(rs.next()).isTrue(); // KILL QUERY leaves the connection open
                }
                st.execute("KILL " + id);
                assertThatThrownBy(() -> st.execute("KILL 987654"))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1094));
            }
            assertThatThrownBy(() -> {
                try (Statement v = victim.createStatement()) {
                    v.executeQuery("SELECT 1");
                }
            }).isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).startsWith("08"));
        }
    }

    @Test
    void statementCancelInterruptsALongQuery() throws Exception {
        try (Connection c = connect(""); Statement st = c.createStatement()) {
            java.util.concurrent.CompletableFuture<Throwable> outcome = new java.util.concurrent.CompletableFuture<>();
            Thread runner = new Thread(() -> {
                try {
                    st.executeQuery("SELECT SUM(MOD(X, 7)) FROM SYSTEM_RANGE(1, 20000000000)");
                    outcome.complete(null);
                } catch (Throwable e) {
                    outcome.complete(e);
                }
            }, "session-test-long-query");
            runner.start();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while (!outcome.isDone() && System.nanoTime() < deadline) {
                st.cancel(); // Connector/J sends KILL QUERY <id> on a second connection
                java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(50));
            }
            Throwable error = outcome.get(20, java.util.concurrent.TimeUnit.SECONDS);
            runner.join(5000);
            // the server answers 1317 (interrupted). Connector/J marks the statement cancelled only after its
            // KILL QUERY round trip returns, so the running thread may see either its own "cancelled" exception
            // or the server's 1317, depending on which lands first; both mean the query was interrupted.
            assertThat(error).isInstanceOfSatisfying(SQLException.class, e -> assertThat(
                    e.getErrorCode() == 1317 || String.valueOf(e.getMessage()).contains("cancelled"))
                    .as("interrupted by the cancel, got %s (%d)", e.getMessage(), e.getErrorCode()).isTrue());
            try (ResultSet rs = st.executeQuery("SELECT 2")) {
                assertThat(rs.next()).isTrue(); // the connection survives
            }
        }
    }

    @Test
    void preparedStatementsCoverBinaryTypesAndLongData() throws Exception {
        try (Connection c = connect("useServerPrepStmts=true&cachePrepStmts=true")) {
            c.setCatalog("app");
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE typed (id BIGINT PRIMARY KEY, d DATE, ts DATETIME(6), t TIME, f DOUBLE,"
                        + " b BOOLEAN, bin VARBINARY(16), txt TEXT)");
            }
            java.time.LocalDateTime ts = java.time.LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123456000);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO typed VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, 1L << 40);
                ps.setObject(2, java.time.LocalDate.of(2024, 2, 29));
                ps.setObject(3, ts);
                ps.setObject(4, java.time.LocalTime.of(23, 59, 58));
                ps.setDouble(5, 2.5);
                ps.setBoolean(6, true);
                ps.setBytes(7, new byte[] {1, 2, 3});
                ps.setCharacterStream(8, new java.io.StringReader("long text ".repeat(1000)));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM typed WHERE id = ?")) {
                ps.setLong(1, 1L << 40);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getObject(2, java.time.LocalDate.class)).isEqualTo("2024-02-29");
                    assertThat(rs.getObject(3, java.time.LocalDateTime.class)).isEqualTo(ts);
                    assertThat(rs.getObject(4, java.time.LocalTime.class)).isEqualTo("23:59:58");
                    assertThat(rs.getDouble(5)).isEqualTo(2.5);
                    assertThat(rs.getBoolean(6)).isTrue();
                    assertThat(rs.getBytes(7)).containsExactly(1, 2, 3);
                    assertThat(rs.getString(8)).hasSize(10_000);
                }
            }
        }
    }
}

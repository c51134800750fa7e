package dev.borealis.cluster.wire.mysql;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Connector/J runs a realistic application script, over the text protocol and with server-side prepared statements. */
class ConnectorJScriptTest {

    private static final String TEXT = "useServerPrepStmts=false";
    private static final String BINARY = "useServerPrepStmts=true&cachePrepStmts=true";
    private static Cluster cluster;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        cluster = Cluster.builder().engine(Engine.MYSQL).name("cj").readers(1).user("app", "s3cret!").start();
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

    private static Connection connect(String options) throws SQLException {
        return DriverManager.getConnection(server.url(cluster.writer().id(), "",
                "allowPublicKeyRetrieval=true&useSSL=false&" + options), "app", "s3cret!");
    }

    private static int count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {TEXT, BINARY})
    void applicationScriptRunsLikeOnMySql(String options) throws Exception {
        String db = options.equals(TEXT) ? "shop_text" : "shop_binary";
        try (Connection c = connect(options)) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE IF NOT EXISTS " + db);
            }
            c.setCatalog(db);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE `customers` (`id` INT NOT NULL AUTO_INCREMENT, name VARCHAR(50) NOT NULL,"
                        + " email VARCHAR(100), created DATETIME DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (id),"
                        + " UNIQUE KEY uq_email (email)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
                st.execute("CREATE TABLE orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, customer_id INT NOT NULL,"
                        + " amount DECIMAL(10,2), note TEXT, KEY idx_customer (customer_id)) ENGINE=InnoDB");
                assertThat(st.executeUpdate("INSERT INTO customers (name, email) VALUES ('O\\'Brien', \"ob@example.com\")"))
                        .isEqualTo(1);
                st.executeUpdate("INSERT INTO customers (name, email) VALUES (\"Ann \\\"A\\\"\", 'ann@example.com')",
                        Statement.RETURN_GENERATED_KEYS);
                try (ResultSet keys = st.getGeneratedKeys()) {
                    assertThat(keys.next()).isTrue();
                    assertThat(keys.getLong(1)).isEqualTo(2);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM customers WHERE email = ?")) {
                ps.setString(1, "ob@example.com");
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("O'Brien");
                }
                ps.setString(1, "ann@example.com");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("Ann \"A\"");
                }
            }
            long firstOrder;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO orders (customer_id, amount, note) VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setInt(1, 1);
                ps.setBigDecimal(2, new BigDecimal("19.99"));
                ps.setString(3, "first");
                assertThat(ps.executeUpdate()).isEqualTo(1);
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    firstOrder = keys.getLong(1);
                }
                ps.setInt(1, 2);
                ps.setBigDecimal(2, new BigDecimal("5.01"));
                ps.setNull(3, Types.VARCHAR);
                ps.executeUpdate();
            }
            assertThat(firstOrder).isEqualTo(1);

            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO orders (customer_id, amount) VALUES (1, 100.00)");
                c.rollback();
                assertThat(count(c, "SELECT COUNT(*) FROM orders")).isEqualTo(2);
                st.executeUpdate("INSERT INTO orders (customer_id, amount) VALUES (1, 1.00)");
                c.commit();
            }
            c.setAutoCommit(true);
            assertThat(count(c, "SELECT COUNT(*) FROM orders")).isEqualTo(3);
            int lastOrder = count(c, "SELECT MAX(id) FROM orders");

            try (PreparedStatement ps = c.prepareStatement("SELECT c.name, SUM(o.amount) AS total, COUNT(o.note)"
                    + " FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.name ORDER BY c.name LIMIT ?")) {
                ps.setInt(1, 10);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("Ann \"A\"");
                    assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("5.01");
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getBigDecimal("total")).isEqualByComparingTo("20.99");
                    assertThat(rs.getInt(3)).isEqualTo(1);
                    assertThat(rs.next()).isFalse();
                }
            }
            try (Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT name, created FROM customers ORDER BY id LIMIT 1, 1")) {
                    rs.next();
                    assertThat(rs.getString(1)).startsWith("Ann");
                    assertThat(rs.getTimestamp(2)).isNotNull();
                }
                assertThat(st.executeUpdate("INSERT IGNORE INTO customers (name, email) VALUES ('Dup', 'ann@example.com')"))
                        .isZero();
                st.executeUpdate("INSERT INTO customers (id, name, email) VALUES (1, 'X', 'x@example.com')"
                        + " ON DUPLICATE KEY UPDATE name = 'Olivia'");
                st.executeUpdate("REPLACE INTO customers (id, name, email) VALUES (2, 'Anna', 'ann@example.com')");
                try (ResultSet rs = st.executeQuery("SELECT GROUP_CONCAT(name ORDER BY id SEPARATOR '|') FROM customers")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("Olivia|Anna");
                }
                try (ResultSet rs = st.executeQuery("SELECT IFNULL(NULL, 'd'), CONCAT_WS('-', 'a', 'b'), DATABASE(),"
                        + " DATE_FORMAT('2024-03-05 07:08:09', '%Y/%m/%d %H:%i:%s'),"
                        + " TIME_TO_SEC(TIMEDIFF('2024-01-01 10:00:00', '2024-01-01 09:58:30')), LENGTH(UUID()),"
                        + " NOW() IS NOT NULL, LAST_INSERT_ID(), VERSION()")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("d");
                    assertThat(rs.getString(2)).isEqualTo("a-b");
                    assertThat(rs.getString(3)).isEqualTo(db);
                    assertThat(rs.getString(4)).isEqualTo("2024/03/05 07:08:09");
                    assertThat(rs.getLong(5)).isEqualTo(90);
                    assertThat(rs.getInt(6)).isEqualTo(36);
                    assertThat(rs.getBoolean(7)).isTrue();
                    assertThat(rs.getLong(8)).isEqualTo(lastOrder);
                    assertThat(rs.getString(9)).isEqualTo(Protocol.SERVER_VERSION);
                }
                assertThatThrownBy(() -> st.executeUpdate("INSERT INTO customers (name, email) VALUES ('Z', 'ob@example.com')"))
                        .isInstanceOfSatisfying(SQLException.class, e -> {
                            assertThat(e.getErrorCode()).isEqualTo(1062);
                            assertThat(e.getSQLState()).isEqualTo("23000");
                            assertThat(e.getMessage()).isEqualTo("Duplicate entry 'ob@example.com' for key 'customers.uq_email'");
                        });
                assertThatThrownBy(() -> st.executeQuery("SELECT * FROM no_such_table"))
                        .isInstanceOfSatisfying(SQLException.class, e -> {
                            assertThat(e.getErrorCode()).isEqualTo(1146);
                            assertThat(e.getSQLState()).isEqualTo("42S02");
                        });
                assertThatThrownBy(() -> st.executeQuery("SELECT nope FROM customers"))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1054));
                assertThatThrownBy(() -> st.execute("SELEKT 1"))
                        .isInstanceOfSatisfying(SQLException.class, e -> {
                            assertThat(e.getErrorCode()).isEqualTo(1064);
                            assertThat(e.getSQLState()).isEqualTo("42000");
                        });
                assertThatThrownBy(() -> st.execute("CREATE PROCEDURE p() BEGIN SELECT 1; END"))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1235));
            }
            DatabaseMetaData md = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = md.getTables(db, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).containsExactly("customers", "orders");
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = md.getColumns(db, null, "customers", "%")) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getInt("DATA_TYPE") + ":" + rs.getString("IS_AUTOINCREMENT"));
                }
            }
            assertThat(columns).containsExactly("id:" + Types.INTEGER + ":YES", "name:" + Types.VARCHAR + ":NO",
                    "email:" + Types.VARCHAR + ":NO", "created:" + Types.TIMESTAMP + ":NO");
            try (ResultSet rs = md.getPrimaryKeys(db, null, "orders")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("COLUMN_NAME")).isEqualTo("id");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void concurrentSessionsEachCommitTheirRows() throws Exception {
        try (Connection c = connect(TEXT); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE concurrent");
            st.execute("CREATE TABLE concurrent.events (id INT AUTO_INCREMENT PRIMARY KEY, worker INT, n INT)");
        }
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> new Thread(r, "cj-test-worker"));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int worker = w;
                futures.add(pool.submit(() -> {
                    try (Connection c = connect(worker % 2 == 0 ? TEXT : BINARY)) {
                        c.setCatalog("concurrent");
                        try (PreparedStatement ps = c.prepareStatement("INSERT INTO events (worker, n) VALUES (?, ?)")) {
                            for (int i = 0; i < 25; i++) {
                                ps.setInt(1, worker);
                                ps.setInt(2, i);
                                ps.executeUpdate();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = connect(TEXT)) {
            assertThat(count(c, "SELECT COUNT(*) FROM concurrent.events")).isEqualTo(100);
            assertThat(count(c, "SELECT COUNT(DISTINCT worker) FROM concurrent.events")).isEqualTo(4);
        }
    }
}

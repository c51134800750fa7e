package dev.borealis.cluster.wire.pg;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** pgJDBC runs a realistic application script against the embedded cluster in each of its query modes. */
class PgJdbcScriptTest {

    private static final String EXTENDED = "";
    private static final String SIMPLE = "preferQueryMode=simple";
    private static final String BINARY = "binaryTransfer=true&prepareThreshold=1";

    private static Cluster cluster;
    private static PgTestServer server;

    @BeforeAll
    static void start() {
        cluster = Cluster.builder().engine(Engine.POSTGRESQL).name("pgscript").readers(1).user("app", "s3cret").start();
        server = new PgTestServer(cluster, PgAuthMethod.SCRAM_SHA_256);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        cluster.close();
    }

    private static Connection connect(String mode) throws SQLException {
        return DriverManager.getConnection(server.writerUrl(mode), "app", "s3cret");
    }

    private static String table(String base, String mode) {
        return base + "_" + (mode.isEmpty() ? "ext" : mode.startsWith("prefer") ? "simple" : "bin");
    }

    @ParameterizedTest
    @ValueSource(strings = {EXTENDED, SIMPLE, BINARY})
    void ddlReturningAndTypesRoundTrip(String mode) throws Exception {
        String t = table("items", mode);
        try (Connection c = connect(mode); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + t + " (id BIGSERIAL PRIMARY KEY, name VARCHAR(40) NOT NULL, qty INT,"
                    + " price NUMERIC(10,2), ratio DOUBLE PRECISION, ok BOOLEAN, born DATE, at TIMESTAMPTZ,"
                    + " seen TIMESTAMP, tag UUID, blob BYTEA, small SMALLINT, f4 REAL)");
            UUID uuid = UUID.randomUUID();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (name, qty, price, ratio, ok, born, at,"
                    + " seen, tag, blob, small, f4) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id, name")) {
                ps.setString(1, "widget");
                ps.setInt(2, 7);
                ps.setBigDecimal(3, new BigDecimal("12.34"));
                ps.setDouble(4, 0.25);
                ps.setBoolean(5, true);
                ps.setDate(6, Date.valueOf(LocalDate.of(2020, 2, 29)));
                ps.setObject(7, OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 123_456_000, ZoneOffset.ofHours(2)));
                ps.setTimestamp(8, Timestamp.valueOf("2023-01-02 03:04:05.5"));
                ps.setObject(9, uuid);
                ps.setBytes(10, new byte[] {1, 2, (byte) 255});
                ps.setShort(11, (short) 3);
                ps.setFloat(12, 1.5f);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong("id")).isPositive();
                    assertThat(rs.getString("name")).isEqualTo("widget");
                }
            }
            for (int i = 0; i < 2; i++) { // twice: the second run uses a server-side prepared statement in binary mode
                try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + t + " WHERE name = ?")) {
                    ps.setString(1, "widget");
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getInt("qty")).isEqualTo(7);
                        assertThat(rs.getBigDecimal("price")).isEqualByComparingTo("12.34");
                        assertThat(rs.getDouble("ratio")).isEqualTo(0.25);
                        assertThat(rs.getBoolean("ok")).isTrue();
                        assertThat(rs.getDate("born").toLocalDate()).isEqualTo(LocalDate.of(2020, 2, 29));
                        assertThat(rs.getObject("at", OffsetDateTime.class).toInstant())
                                .isEqualTo(OffsetDateTime.of(2024, 5, 6, 5, 8, 9, 123_456_000, ZoneOffset.UTC).toInstant());
                        assertThat(rs.getTimestamp("seen")).isEqualTo(Timestamp.valueOf("2023-01-02 03:04:05.5"));
                        assertThat(rs.getObject("tag")).isEqualTo(uuid);
                        assertThat(rs.getBytes("blob")).containsExactly(1, 2, 255);
                        assertThat(rs.getShort("small")).isEqualTo((short) 3);
                        assertThat(rs.getFloat("f4")).isEqualTo(1.5f);
                        assertThat(rs.getMetaData().getColumnTypeName(rs.findColumn("at"))).isEqualTo("timestamptz");
                    }
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*)::int8 AS n, string_agg(name, ',') FROM " + t)) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
                assertThat(rs.getString(2)).isEqualTo("widget");
            }
            assertThat(st.executeUpdate("UPDATE " + t + " SET qty = qty + 1")).isEqualTo(1);
            assertThat(st.executeUpdate("DELETE FROM " + t + " WHERE qty = 0")).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {EXTENDED, SIMPLE, BINARY})
    void upsertsInsertOrUpdate(String mode) throws Exception {
        String t = table("kv", mode);
        try (Connection c = connect(mode); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + t + " (k TEXT PRIMARY KEY, v INT)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (k, v) VALUES (?, ?)"
                    + " ON CONFLICT (k) DO UPDATE SET v = " + t + ".v + excluded.v")) {
                for (int i = 0; i < 3; i++) {
                    ps.setString(1, "a");
                    ps.setInt(2, 10);
                    assertThat(ps.executeUpdate()).isEqualTo(1);
                }
            }
            assertThat(st.executeUpdate("INSERT INTO " + t + " (k, v) VALUES ('a', 1) ON CONFLICT (k) DO NOTHING")).isZero();
            try (ResultSet rs = st.executeQuery("SELECT v FROM " + t + " WHERE k = 'a'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(30);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {EXTENDED, SIMPLE, BINARY})
    void transactionsRollBackAndSavepointsUndoPartOfTheWork(String mode) throws Exception {
        String t = table("tx", mode);
        try (Connection c = connect(mode); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY)");
            c.setAutoCommit(false);
            st.execute("INSERT INTO " + t + " VALUES (1)");
            c.rollback();
            st.execute("INSERT INTO " + t + " VALUES (2)");
            Savepoint sp = c.setSavepoint("sp1");
            st.execute("INSERT INTO " + t + " VALUES (3)");
            c.rollback(sp);
            st.execute("INSERT INTO " + t + " VALUES (4)");
            c.commit();
            // an error aborts the transaction until rollback (25P02 meanwhile)
            assertThatThrownBy(() -> st.execute("INSERT INTO " + t + " VALUES (2)"))
                    .isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("23505");
            assertThatThrownBy(() -> st.execute("SELECT 1"))
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("25P02");
            c.rollback();
            c.setAutoCommit(true);
            try (ResultSet rs = st.executeQuery("SELECT id FROM " + t + " ORDER BY id")) {
                List<Integer> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
                assertThat(ids).containsExactly(2, 4);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {EXTENDED, SIMPLE, BINARY})
    void batchInsertsCountEveryRow(String mode) throws Exception {
        String t = table("batch", mode);
        try (Connection c = connect(mode); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, s VARCHAR(10))");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " VALUES (?, ?)")) {
                for (int i = 0; i < 50; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "r" + i);
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                assertThat(counts).hasSize(50).containsOnly(1);
            }
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + t)) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(50);
            }
            // a fetch size inside a transaction makes pgJDBC execute the portal with a row limit (PortalSuspended)
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + t + " ORDER BY id")) {
                ps.setFetchSize(7);
                try (ResultSet rs = ps.executeQuery()) {
                    int n = 0;
                    while (rs.next()) {
                        assertThat(rs.getInt(1)).isEqualTo(n++);
                    }
                    assertThat(n).isEqualTo(50);
                }
            }
            c.commit();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {EXTENDED, SIMPLE})
    void copyInAndOutThroughCopyManager(String mode) throws Exception {
        String t = table("copy", mode);
        try (Connection c = connect(mode); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, name TEXT, note TEXT)");
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            long in = copy.copyIn("COPY " + t + " FROM STDIN", new StringReader("1\tone\t\\N\n2\ttwo\ttab\\there\n"));
            assertThat(in).isEqualTo(2);
            long csv = copy.copyIn("COPY " + t + " (id, name, note) FROM STDIN WITH (FORMAT csv, HEADER true)",
                    new StringReader("id,name,note\n3,\"three, 3\",\n4,four,\"multi\nline\"\n"));
            assertThat(csv).isEqualTo(2);
            StringWriter text = new StringWriter();
            assertThat(copy.copyOut("COPY (SELECT id, name, note FROM " + t + " ORDER BY id) TO STDOUT", text)).isEqualTo(4);
            assertThat(text.toString()).isEqualTo("1\tone\t\\N\n2\ttwo\ttab\\there\n3\tthree, 3\t\\N\n4\tfour\tmulti\\nline\n");
            StringWriter out = new StringWriter();
            copy.copyOut("COPY " + t + " TO STDOUT WITH (FORMAT csv)", out);
            assertThat(out.toString()).startsWith("1,one,\n").contains("3,\"three, 3\",\n");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {EXTENDED, SIMPLE})
    void databaseMetaDataListsTablesColumnsAndKeys(String mode) throws Exception {
        String t = table("meta", mode);
        try (Connection c = connect(mode); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, label VARCHAR(20) NOT NULL)");
            DatabaseMetaData md = c.getMetaData();
            assertThat(md.getDatabaseProductVersion()).startsWith("16.");
            try (ResultSet rs = md.getTables(null, "public", t, new String[] {"TABLE"})) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("TABLE_NAME")).isEqualTo(t);
            }
            try (ResultSet rs = md.getColumns(null, "public", t, "%")) {
                List<String> cols = new ArrayList<>();
                while (rs.next()) {
                    cols.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME"));
                }
                assertThat(cols).containsExactly("id:int4", "label:varchar");
            }
            try (ResultSet rs = md.getPrimaryKeys(null, "public", t)) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("COLUMN_NAME")).isEqualTo("id");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {EXTENDED, SIMPLE})
    void sessionSettingsAndSystemFunctions(String mode) throws Exception {
        try (Connection c = connect(mode); Statement st = c.createStatement()) {
            st.execute("SET application_name TO 'script-test'");
            try (ResultSet rs = st.executeQuery("SHOW application_name")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("script-test");
            }
            try (ResultSet rs = st.executeQuery("SELECT current_setting('server_version'), version(),"
                    + " pg_catalog.version(), txid_current() > 0, 1 OPERATOR(pg_catalog.=) 1, E'a\\tb'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("16.4");
                assertThat(rs.getString(2)).startsWith("PostgreSQL 16.4");
                assertThat(rs.getString(3)).startsWith("PostgreSQL 16.4");
                assertThat(rs.getBoolean(4)).isTrue();
                assertThat(rs.getBoolean(5)).isTrue();
                assertThat(rs.getString(6)).isEqualTo("a\tb");
            }
            try (ResultSet rs = st.executeQuery("SELECT generate_series(1, 3)")) {
                List<Integer> values = new ArrayList<>();
                while (rs.next()) {
                    values.add(rs.getInt(1));
                }
                assertThat(values).containsExactly(1, 2, 3);
            }
            st.execute("CREATE SEQUENCE seq_" + table("s", mode));
            try (ResultSet rs = st.executeQuery("SELECT nextval('seq_" + table("s", mode) + "')")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
            assertThatThrownBy(() -> st.execute("SELECT * FROM no_such_table"))
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42P01");
            assertThatThrownBy(() -> st.execute("SELEC 1"))
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42601");
            assertThatThrownBy(() -> st.execute("SELECT no_such_column FROM pg_type"))
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42703");
            assertThatThrownBy(() -> st.execute("LOCK TABLE pg_type"))
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("0A000");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {EXTENDED, SIMPLE})
    void readOnlyConnectionsRefuseWritesWith25006(String mode) throws Exception {
        String t = table("ro", mode);
        try (Connection c = connect(mode); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + t + " (id INT)");
            // pgJDBC's default readOnlyMode=transaction: read-only applies to transactions it begins
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (ResultSet rs = st.executeQuery("SHOW transaction_read_only")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("on");
            }
            assertThatThrownBy(() -> st.execute("UPDATE " + t + " SET id = 2"))
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("25006");
            c.rollback();
            c.setReadOnly(false);
            st.execute("INSERT INTO " + t + " VALUES (1)");
            c.commit();
        }
    }

    /** pgJDBC asks with SHOW TRANSACTION ISOLATION LEVEL (HikariCP does so for every new pooled connection). */
    @ParameterizedTest
    @ValueSource(strings = {EXTENDED, SIMPLE})
    void transactionIsolationIsReadWithTheKeywordPhrase(String mode) throws Exception {
        try (Connection c = connect(mode); Statement st = c.createStatement()) {
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
            try (ResultSet rs = st.executeQuery("SHOW SESSION AUTHORIZATION")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isNotBlank();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {EXTENDED, BINARY})
    void concurrentSessionsEachSeeTheirOwnWork(String mode) throws Exception {
        String t = table("conc", mode);
        try (Connection c = connect(mode); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + t + " (worker INT, n INT)");
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int worker = w;
                futures.add(pool.submit(() -> {
                    try (Connection c = connect(mode);
                         PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " VALUES (?, ?)")) {
                        for (int i = 0; i < 25; i++) {
                            ps.setInt(1, worker);
                            ps.setInt(2, i);
                            ps.executeUpdate();
                        }
                        try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM " + t + " WHERE worker = ?")) {
                            q.setInt(1, worker);
                            try (ResultSet rs = q.executeQuery()) {
                                rs.next();
                                return rs.getInt(1);
                            }
                        }
                    }
                }));
            }
            for (Future<Integer> f : futures) {
                assertThat(f.get()).isEqualTo(25);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

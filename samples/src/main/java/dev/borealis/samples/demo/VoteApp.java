package dev.borealis.samples.demo;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.borealis.cluster.Engine;
import dev.borealis.samples.jdbc.FailoverRetry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The app: planets to vote for (the table of the classic Aurora tutorial) and votes, through a HikariCP pool over
 * the Borealis driver. Writes are transactions on the writer; tallies are read-only transactions, which Borealis's
 * read/write splitting sends to a reader. Every transaction reports the instance that served it.
 */
final class VoteApp implements AutoCloseable {

    static final List<String> PLANETS = List.of("Mercury", "Venus", "Earth", "Mars", "Jupiter", "Saturn", "Uranus",
            "Neptune");

    private final HikariDataSource pool;
    private final Engine engine;
    private final FailoverRetry.Listener listener;
    private volatile boolean identifiable = true;

    VoteApp(String url, String user, String password, Engine engine, int poolSize, FailoverRetry.Listener listener) {
        this.engine = engine;
        this.listener = listener;
        HikariConfig config = new HikariConfig();
        config.setPoolName("borealis-demo");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(20_000);
        config.setValidationTimeout(1_000);
        // A connection that failed over (08S02) or lost a transaction's outcome (08007) is already healthy again.
        config.setExceptionOverrideClassName("dev.borealis.jdbc.hikari.BorealisExceptionOverride");
        config.addDataSourceProperty("wrapperPlugins", "initialConnection,connectionTracker,readWriteSplitting,failover,efm");
        config.addDataSourceProperty("readerHostSelectorStrategy", "roundRobin");
        config.addDataSourceProperty("failoverTimeoutMs", "20000");
        this.pool = new HikariDataSource(config);
    }

    /** Creates (or replaces) the planet and vote tables. */
    void createSchema() throws SQLException {
        String seq = engine == Engine.MYSQL ? "seq BIGINT AUTO_INCREMENT PRIMARY KEY" : "seq BIGSERIAL PRIMARY KEY";
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS vote");
            s.execute("DROP TABLE IF EXISTS planet");
            s.execute("CREATE TABLE planet (id INT PRIMARY KEY, name VARCHAR(30) NOT NULL)");
            // vote_id is deliberately not unique: the end-of-run check must be able to see a vote stored twice.
            s.execute("CREATE TABLE vote (" + seq + ", vote_id BIGINT NOT NULL, planet_id INT NOT NULL)");
            s.execute("CREATE INDEX vote_by_vote_id ON vote (vote_id)");
            for (int i = 0; i < PLANETS.size(); i++) {
                s.execute("INSERT INTO planet (id, name) VALUES (" + (i + 1) + ", '" + PLANETS.get(i) + "')");
            }
        }
    }

    /**
     * Casts vote {@code voteId} in one transaction on the writer and returns the instance that committed it. The
     * transaction checks first, so replaying it after 08007 (the first attempt may have committed) never stores
     * the vote twice.
     */
    String castVote(long voteId, int planetId) throws SQLException {
        return FailoverRetry.transaction(pool, false, c -> {
            String instance = instance(c); // first: if it fails, nothing was written
            if (!stored(c, voteId)) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO vote (vote_id, planet_id) VALUES (?, ?)")) {
                    ps.setLong(1, voteId);
                    ps.setInt(2, planetId);
                    ps.executeUpdate();
                }
            }
            return instance;
        }, listener);
    }

    private static boolean stored(Connection c, long voteId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM vote WHERE vote_id = ?")) {
            ps.setLong(1, voteId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /** Counts the votes per planet in a read-only transaction (on a reader); returns the instance that served it. */
    String tally() throws SQLException {
        return FailoverRetry.transaction(pool, true, c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT p.name, COUNT(v.vote_id) FROM planet p LEFT JOIN vote v ON v.planet_id = p.id"
                            + " GROUP BY p.name ORDER BY p.name")) {
                while (rs.next()) {
                    rs.getLong(2);
                }
            }
            return instance(c);
        }, listener);
    }

    /** Every stored vote id and how often it is stored, read on the writer. */
    Map<Long, Integer> storedVotes() throws SQLException {
        return FailoverRetry.transaction(pool, false, c -> {
            Map<Long, Integer> counts = new HashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT vote_id FROM vote")) {
                while (rs.next()) {
                    counts.merge(rs.getLong(1), 1, Integer::sum);
                }
            }
            return counts;
        }, listener);
    }

    /**
     * Which instance this connection is on, by Aurora's own function; a database without it (not Aurora, not the
     * embedded cluster) is shown as "db".
     */
    private String instance(Connection c) throws SQLException {
        if (!identifiable) {
            return "db";
        }
        String sql = engine == Engine.MYSQL ? "SELECT @@aurora_server_id" : "SELECT aurora_db_instance_identifier()";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                throw e;
            }
            identifiable = false;
            return "db";
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}

package dev.borealis.samples.spring;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The transactions. Each returns the instance that ran it (Aurora's own function), so a caller can see where
 * Borealis routed it: {@code readOnly = true} to a reader, the rest to the writer.
 */
@Service
public class VoteService {

    private final JdbcTemplate jdbc;
    private final String instanceQuery;

    public VoteService(JdbcTemplate jdbc, @Value("${spring.datasource.url}") String url) {
        this.jdbc = jdbc;
        this.instanceQuery = url.startsWith("jdbc:borealis:mysql:") ? "SELECT @@aurora_server_id"
                : "SELECT aurora_db_instance_identifier()";
    }

    /** Creates the tables if missing and fills the planets once. */
    @Transactional
    public void createSchema() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS planet (id INT PRIMARY KEY, name VARCHAR(30) NOT NULL)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS vote (vote_id BIGINT PRIMARY KEY, planet_id INT NOT NULL)");
        Long planets = jdbc.queryForObject("SELECT COUNT(*) FROM planet", Long.class);
        if (planets != null && planets == 0) {
            List<String> names = List.of("Mercury", "Venus", "Earth", "Mars", "Jupiter", "Saturn", "Uranus", "Neptune");
            for (int i = 0; i < names.size(); i++) {
                jdbc.update("INSERT INTO planet (id, name) VALUES (?, ?)", i + 1, names.get(i));
            }
        }
    }

    /**
     * Casts a vote on the writer. Safe to replay after 08007: a vote already stored (the first attempt committed
     * before the connection was lost) is not stored again.
     */
    @Transactional
    public String castVote(long voteId, int planetId) {
        String instance = instance();
        Long stored = jdbc.queryForObject("SELECT COUNT(*) FROM vote WHERE vote_id = ?", Long.class, voteId);
        if (stored != null && stored == 0) {
            jdbc.update("INSERT INTO vote (vote_id, planet_id) VALUES (?, ?)", voteId, planetId);
        }
        return instance;
    }

    /** Counts the votes on a reader. */
    @Transactional(readOnly = true)
    public Tally tally() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query("SELECT p.name, COUNT(v.vote_id) FROM planet p LEFT JOIN vote v ON v.planet_id = p.id"
                + " GROUP BY p.name ORDER BY p.name", rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return new Tally(counts, instance());
    }

    /** Every stored vote id, read on the writer (a reader may lag behind). */
    @Transactional
    public List<Long> storedVoteIds() {
        return jdbc.queryForList("SELECT vote_id FROM vote", Long.class);
    }

    private String instance() {
        return jdbc.queryForObject(instanceQuery, String.class);
    }
}

package dev.borealis.samples;

import dev.borealis.cluster.Engine;
import dev.borealis.cluster.junit.EmbeddedCluster;
import dev.borealis.cluster.junit.ServedCluster;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The complete example in docs/junit.md: an app on Borealis fails over under a writer crash and recovers. */
@EmbeddedCluster(engine = Engine.POSTGRESQL, readers = 1, failoverDelayMs = 300)
class BorealisFailoverExampleTest {

    ServedCluster cluster;

    @Test
    void theAppFailsOverToThePromotedReaderAndKeepsEveryCommittedRow() throws Exception {
        try (Connection c = DriverManager.getConnection(cluster.borealisUrl(), cluster.credentials())) {
            run(c, "CREATE TABLE orders (id INT PRIMARY KEY)");
            run(c, "INSERT INTO orders VALUES (1)");

            String crashed = cluster.crashWriter();
            String promoted = cluster.awaitWriter(Duration.ofSeconds(10));

            // The same Connection fails over by itself; the driver says so with 08S02: run the statement again.
            List<String> failovers = new ArrayList<>();
            for (int attempt = 1; ; attempt++) {
                try {
                    run(c, "INSERT INTO orders VALUES (2)");
                    break;
                } catch (SQLException e) {
                    assertThat(e.getSQLState()).as("attempt %d: %s", attempt, e.getMessage()).isEqualTo("08S02");
                    assertThat(attempt).as("attempts").isLessThan(5);
                    failovers.add(e.getSQLState());
                }
            }

            assertThat(failovers).containsExactly("08S02");
            assertThat(query(c, "SELECT aurora_db_instance_identifier()")).containsExactly(promoted)
                    .doesNotContain(crashed);
            assertThat(query(c, "SELECT id FROM orders ORDER BY id")).containsExactly("1", "2");
        }
    }

    private static void run(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> query(Connection c, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}

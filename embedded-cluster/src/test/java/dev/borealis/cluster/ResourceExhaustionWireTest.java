package dev.borealis.cluster;

import dev.borealis.cluster.junit.EmbeddedCluster;
import dev.borealis.cluster.junit.ServedCluster;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12's memory-exhausting queries, sent by the real clients over the wire: they complete (H2 streams
 * them) instead of making H2 shut the writer's database down, and the ledger and the topology are intact
 * afterwards: every acknowledged row on the writer and on each reader, the writer available and not
 * empty, later writes replicated.
 */
class ResourceExhaustionWireTest {

    private static final int LEDGER_ROWS = 50;

    @Test
    @EmbeddedCluster(engine = Engine.MYSQL, readers = 2, dnsDelayMs = 0)
    void mySqlCountOverFiftyMillionRangeRowsLosesNothing(ServedCluster cluster) throws Exception {
        exhaustThenCheck(cluster, "SELECT COUNT(*) FROM (SELECT X FROM SYSTEM_RANGE(1,50000000)) t");
    }

    @Test
    @EmbeddedCluster(engine = Engine.POSTGRESQL, readers = 2, dnsDelayMs = 0)
    void postgresCountOverFiftyMillionSeriesRowsLosesNothing(ServedCluster cluster) throws Exception {
        exhaustThenCheck(cluster, "SELECT COUNT(*) FROM (SELECT * FROM generate_series(1,50000000)) t");
    }

    private static void exhaustThenCheck(ServedCluster cluster, String query) throws Exception {
        String writer = cluster.writerId();
        try (Connection c = connect(cluster, writer)) {
            update(c, "CREATE TABLE ledger (id INT PRIMARY KEY, amount INT)");
            for (int id = 1; id <= LEDGER_ROWS; id++) {
                update(c, "INSERT INTO ledger VALUES (" + id + ", " + id * 3 + ")");
            }
            Runtime rt = Runtime.getRuntime();
            long before = rt.totalMemory() - rt.freeMemory();
            assertThat(scalar(c, query)).isEqualTo(50_000_000L);
            long after = rt.totalMemory() - rt.freeMemory();
            System.out.printf("%s: heap %d MB before, %d MB after (max %d MB)%n", query, before >> 20, after >> 20,
                    rt.maxMemory() >> 20);
            update(c, "INSERT INTO ledger VALUES (" + (LEDGER_ROWS + 1) + ", " + (LEDGER_ROWS + 1) * 3 + ")");
        }
        Topology topology = cluster.cluster().topology();
        assertThat(topology.writerId()).isEqualTo(writer);
        assertThat(topology.instance(writer).orElseThrow().state()).isEqualTo(InstanceState.AVAILABLE);
        cluster.awaitReplication(Duration.ofSeconds(20));
        for (String id : cluster.instanceIds()) {
            try (Connection c = connect(cluster, id)) {
                assertThat(scalar(c, "SELECT COUNT(*) FROM ledger")).as(id + " rows").isEqualTo(LEDGER_ROWS + 1);
                assertThat(scalar(c, "SELECT SUM(amount) FROM ledger")).as(id + " sum")
                        .isEqualTo(3L * (LEDGER_ROWS + 1) * (LEDGER_ROWS + 2) / 2);
            }
        }
    }

    private static Connection connect(ServedCluster cluster, String instanceId) throws SQLException {
        return DriverManager.getConnection(cluster.instanceJdbcUrl(instanceId), cluster.credentials());
    }

    private static void update(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    private static long scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as("a row from " + sql).isTrue();
            return rs.getLong(1);
        }
    }
}

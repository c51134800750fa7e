package dev.borealis.cluster;

import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterSmokeTest {

    @Test
    void writerCommitsReachReadersAndSurviveFailover() throws Exception {
        try (Cluster cluster = Cluster.builder().engine(Engine.MYSQL).name("smoke").readers(2).start()) {
            try (Session s = cluster.openWriterSession()) {
                s.execute("CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(20), at TIMESTAMP DEFAULT NOW())");
                s.execute("INSERT INTO t (v) VALUES ('a'), ('b')");
                s.begin(false);
                s.execute("INSERT INTO t (v) VALUES ('c')");
                s.execute("SAVEPOINT sp");
                s.execute("INSERT INTO t (v) VALUES ('gone')");
                s.execute("ROLLBACK TO SAVEPOINT sp");
                s.commit();
            }
            assertThat(cluster.awaitReplication(Duration.ofSeconds(5))).isTrue();
            String reader = cluster.topology().readers().get(0).id();
            try (Session r = cluster.openSession(reader); Result res = r.execute("SELECT COUNT(*) FROM t")) {
                ResultSet rows = res.rows();
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(3);
                assertThatThrownBy(() -> r.execute("INSERT INTO t (v) VALUES ('x')"))
                        .hasMessageContaining("read-only")
                        .satisfies(e -> { assertThat(((ClusterSqlException) e).getErrorCode()).isEqualTo(1290); });
            }
            String newWriter = cluster.failover();
            assertThat(cluster.topology().writerId()).isEqualTo(newWriter);
            try (Session s = cluster.openWriterSession()) {
                s.execute("INSERT INTO t (v) VALUES ('d')");
                try (Result res = s.execute("SELECT MAX(id), COUNT(*) FROM t")) {
                    res.rows().next();
                    assertThat(res.rows().getInt(1)).isGreaterThanOrEqualTo(4);
                    assertThat(res.rows().getInt(2)).isEqualTo(4);
                }
            }
        }
    }
}

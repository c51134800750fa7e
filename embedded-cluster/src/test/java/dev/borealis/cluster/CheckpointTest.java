package dev.borealis.cluster;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Storage checkpoints: the log stays bounded, and instances start from the image plus the tail. */
class CheckpointTest {

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            LockSupport.parkNanos(5_000_000);
        }
    }

    @Test
    void theLogBeforeACheckpointIsDiscardedAndRestartedInstancesMatchTheWriter() throws Exception {
        try (Cluster cluster = Cluster.builder().name("ckpt").readers(1).checkpointInterval(50)
                .failoverDelay(Duration.ofMillis(50)).rebootDelay(Duration.ofMillis(50)).start()) {
            try (Session s = cluster.openWriterSession()) {
                s.execute("CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(10), at TIMESTAMP DEFAULT NOW())");
                s.execute("CREATE SEQUENCE s START WITH 100");
                for (int i = 0; i < 300; i++) {
                    s.execute("INSERT INTO t (v) VALUES ('v" + i + "')");
                }
                s.execute("UPDATE t SET v = 'changed' WHERE id % 3 = 0");
                s.execute("SELECT NEXT VALUE FOR s");
            }
            await("a checkpoint and a discarded log", () -> cluster.storage().lastLsn() > 0
                    && cluster.checkpointLsn() > 0 && cluster.logStartLsn() > 0);
            cluster.addReader("ckpt-late", 1);
            String reader = cluster.topology().readers().get(0).id();
            cluster.restart(reader);
            assertThat(cluster.awaitAvailable("ckpt-late", Duration.ofSeconds(10))).isTrue();
            assertThat(cluster.awaitAvailable(reader, Duration.ofSeconds(10))).isTrue();
            assertThat(cluster.awaitReplication(Duration.ofSeconds(10))).isTrue();
            try (Session w = cluster.openWriterSession()) {
                String expected = Rows.content(w, "t");
                for (String id : new String[] {"ckpt-late", reader}) {
                    try (Session r = cluster.openSession(id)) {
                        assertThat(Rows.content(r, "t")).as(id).isEqualTo(expected);
                    }
                }
            }
            cluster.failover("ckpt-late");
            try (Session w = cluster.openWriterSession()) {
                w.execute("INSERT INTO t (v) VALUES ('after')");
                assertThat(Rows.scalar(w, "SELECT COUNT(*) FROM t")).isEqualTo(301);
                assertThat(Rows.scalar(w, "SELECT NEXT VALUE FOR s")).isGreaterThan(100);
            }
        }
    }

    @Test
    void anIdleClusterDiscardsTheLogOnceALaggingReaderHasCaughtUp() throws Exception {
        // the reader is 300 ms behind, so at every checkpoint it still needs the log; the discard must
        // happen later, once the writes have stopped and the reader has applied them (CI saw it never
        // happen when the last checkpoint's discard was held back)
        try (Cluster cluster = Cluster.builder().name("ckpt-lag").readers(1).replicaLag(Duration.ofMillis(300))
                .checkpointInterval(20).start()) {
            try (Session s = cluster.openWriterSession()) {
                s.execute("CREATE TABLE t (a INT)");
                for (int i = 0; i < 60; i++) {
                    s.execute("INSERT INTO t VALUES (" + i + ")");
                }
            }
            await("a checkpoint", () -> cluster.checkpointLsn() > 0);
            long checkpoint = cluster.checkpointLsn();
            assertThat(cluster.awaitReplication(Duration.ofSeconds(10))).isTrue();
            await("the log through the checkpoint discarded", () -> cluster.logStartLsn() >= checkpoint);
        }
    }

    @Test
    void aLoneWriterRestartsFromTheCheckpointWithItsData() throws Exception {
        try (Cluster cluster = Cluster.builder().name("ckpt-alone").checkpointInterval(20)
                .failoverDelay(Duration.ofMillis(50)).start()) {
            try (Session s = cluster.openWriterSession()) {
                s.execute("CREATE TABLE t (a INT)");
                for (int i = 0; i < 100; i++) {
                    s.execute("INSERT INTO t VALUES (" + i + ")");
                }
            }
            await("a checkpoint", () -> cluster.checkpointLsn() > 0);
            cluster.crash(cluster.topology().writerId());
            assertThat(cluster.awaitWriter(Duration.ofSeconds(10))).isTrue();
            try (Session s = cluster.openWriterSession()) {
                assertThat(Rows.scalar(s, "SELECT SUM(a) FROM t")).isEqualTo(4950);
            }
        }
    }

    @Test
    void backtrackCannotReachBehindTheOldestCheckpoint() throws Exception {
        try (Cluster cluster = Cluster.builder().name("ckpt-window").checkpointInterval(10).start()) {
            try (Session s = cluster.openWriterSession()) {
                s.execute("CREATE TABLE t (a INT)");
                for (int i = 0; i < 50; i++) {
                    s.execute("INSERT INTO t VALUES (" + i + ")");
                }
            }
            await("a checkpoint", () -> cluster.checkpointLsn() > 5);
            assertThatThrownBy(() -> cluster.backtrack(1))
                    .hasMessageContaining("outside the backtrack window");
        }
    }
}

package dev.borealis.cluster;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterOperationsTest {

    private static ClusterBuilder fast(String name) {
        return Cluster.builder().name(name).failoverDelay(Duration.ofMillis(50)).rebootDelay(Duration.ofMillis(50));
    }

    @Test
    void aCrashedWritersSessionsSeeTheConnectionDropAndAReaderIsPromotedAfterTheDelay() throws Exception {
        try (Cluster cluster = fast("crash").readers(2).start()) {
            Session s = cluster.openWriterSession();
            s.execute("CREATE TABLE t (a INT)");
            String oldWriter = cluster.topology().writerId();
            cluster.crash(oldWriter);
            assertThatThrownBy(() -> s.execute("INSERT INTO t VALUES (1)"))
                    .isInstanceOfSatisfying(ClusterSqlException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ClusterSqlException.Kind.CONNECTION_LOST);
                        assertThat(e.getSQLState()).isEqualTo("08S01");
                    });
            assertThat(cluster.awaitWriter(Duration.ofSeconds(5))).isTrue();
            assertThat(cluster.topology().writerId()).isNotEqualTo(oldWriter);
            assertThat(cluster.awaitAvailable(oldWriter, Duration.ofSeconds(5))).isTrue();
            assertThat(cluster.instance(oldWriter).role()).isEqualTo(Role.READER);
            try (Session w = cluster.openWriterSession()) {
                w.execute("INSERT INTO t VALUES (1)");
            }
        }
    }

    @Test
    void promotionPicksTheLowestTier() {
        try (Cluster cluster = fast("tiers").reader("tiers-r2", 2, Duration.ZERO)
                .reader("tiers-r0", 0, Duration.ZERO).reader("tiers-r1", 1, Duration.ZERO).start()) {
            assertThat(cluster.failover()).isEqualTo("tiers-r0");
            assertThat(cluster.topology().writerId()).isEqualTo("tiers-r0");
        }
    }

    @Test
    void withinATierTheLargestInstanceIsPromoted() {
        try (Cluster cluster = fast("sizes").reader("sizes-small", 1, Duration.ZERO, "db.r6g.large")
                .reader("sizes-big", 1, Duration.ZERO, "db.r6g.4xlarge")
                .reader("sizes-mid", 1, Duration.ZERO, "db.r6g.xlarge").start()) {
            assertThat(cluster.failover()).isEqualTo("sizes-big");
            assertThat(cluster.instance("sizes-big").instanceClass().name()).isEqualTo("db.r6g.4xlarge");
        }
    }

    @Test
    void aWriterWithoutReadersIsRestartedInPlaceWithItsData() throws Exception {
        try (Cluster cluster = fast("alone").start()) {
            try (Session s = cluster.openWriterSession()) {
                s.execute("CREATE TABLE t (a INT)");
                s.execute("INSERT INTO t VALUES (7)");
            }
            long epoch = cluster.topology().epoch();
            cluster.crash("alone-instance-1");
            assertThat(cluster.awaitWriter(Duration.ofSeconds(5))).isTrue();
            assertThat(cluster.topology().epoch()).isGreaterThan(epoch);
            try (Session s = cluster.openWriterSession()) {
                assertThat(Rows.scalar(s, "SELECT SUM(a) FROM t")).isEqualTo(7);
            }
        }
    }

    @Test
    void aPostgresReaderRefusesWritesWith25006AndDemotedWritersRejoinAsReaders() throws Exception {
        try (Cluster cluster = fast("pg").engine(Engine.POSTGRESQL).readers(1).start()) {
            try (Session s = cluster.openWriterSession()) {
                s.execute("CREATE TABLE t (id SERIAL PRIMARY KEY, v TEXT)");
                s.execute("INSERT INTO t (v) VALUES ('a')");
            }
            String reader = cluster.topology().readers().get(0).id();
            assertThat(cluster.awaitReplication(Duration.ofSeconds(5))).isTrue();
            try (Session r = cluster.openSession(reader)) {
                assertThatThrownBy(() -> r.execute("UPDATE t SET v = 'b'"))
                        .isInstanceOfSatisfying(ClusterSqlException.class,
                                e -> assertThat(e.getSQLState()).isEqualTo("25006"));
                assertThatThrownBy(() -> r.execute("CREATE TABLE u (a INT)"))
                        .isInstanceOfSatisfying(ClusterSqlException.class,
                                e -> assertThat(e.getSQLState()).isEqualTo("25006"));
            }
            String old = cluster.topology().writerId();
            cluster.failover(reader);
            assertThat(cluster.awaitAvailable(old, Duration.ofSeconds(5))).isTrue();
            try (Session w = cluster.openWriterSession()) {
                w.execute("INSERT INTO t (v) VALUES ('after')");
                assertThat(Rows.scalar(w, "SELECT COUNT(DISTINCT id) FROM t")).isEqualTo(2);
            }
        }
    }

    @Test
    void aReadOnlyTransactionOnTheWriterRefusesWrites() throws Exception {
        try (Cluster cluster = fast("rotx").start(); Session s = cluster.openWriterSession()) {
            s.execute("CREATE TABLE t (a INT)");
            s.execute("START TRANSACTION READ ONLY");
            assertThatThrownBy(() -> s.execute("INSERT INTO t VALUES (1)"))
                    .isInstanceOfSatisfying(ClusterSqlException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1792));
            s.rollback();
            s.execute("INSERT INTO t VALUES (1)");
        }
    }

    @Test
    void readersCanBeAddedAndRemovedAtRuntime() throws Exception {
        try (Cluster cluster = fast("members").readers(1).start()) {
            try (Session s = cluster.openWriterSession()) {
                s.execute("CREATE TABLE t (a INT)");
                s.execute("INSERT INTO t VALUES (1), (2)");
            }
            cluster.addReader("members-extra", 0);
            assertThat(cluster.awaitAvailable("members-extra", Duration.ofSeconds(5))).isTrue();
            try (Session r = cluster.openSession("members-extra")) {
                assertThat(cluster.awaitReplication(Duration.ofSeconds(5))).isTrue();
                assertThat(Rows.scalar(r, "SELECT COUNT(*) FROM t")).isEqualTo(2);
            }
            Session doomed = cluster.openSession("members-extra");
            cluster.removeReader("members-extra");
            assertThat(cluster.topology().instance("members-extra")).isEmpty();
            assertThatThrownBy(() -> doomed.execute("SELECT 1")).isInstanceOf(ClusterSqlException.class);
            assertThatThrownBy(() -> cluster.removeReader(cluster.topology().writerId()))
                    .hasMessageContaining("is the writer");
            assertThatThrownBy(() -> cluster.addReader("members-instance-1", 1)).hasMessageContaining("already in use");
        }
    }

    @Test
    void restartingAReaderBringsItBackCaughtUp() throws Exception {
        try (Cluster cluster = fast("reboot").readers(1).start()) {
            String reader = cluster.topology().readers().get(0).id();
            cluster.restart(reader);
            try (Session s = cluster.openWriterSession()) {
                s.execute("CREATE TABLE t (a INT)");
                s.execute("INSERT INTO t VALUES (1)");
            }
            assertThat(cluster.awaitAvailable(reader, Duration.ofSeconds(5))).isTrue();
            assertThat(cluster.awaitReplication(Duration.ofSeconds(5))).isTrue();
            try (Session r = cluster.openSession(reader)) {
                assertThat(Rows.scalar(r, "SELECT COUNT(*) FROM t")).isEqualTo(1);
            }
        }
    }

    @Test
    void losingAnAzIsInvisibleButLosingAnAzPlusOneFailsCommitsUntilRepaired() throws Exception {
        try (Cluster cluster = fast("azs").readers(1).commitTimeout(Duration.ofMillis(300)).start();
             Session s = cluster.openWriterSession()) {
            s.execute("CREATE TABLE t (a INT)");
            cluster.failAz(1);
            s.execute("INSERT INTO t VALUES (1)");
            cluster.failSegment(2);
            assertThatThrownBy(() -> s.execute("INSERT INTO t VALUES (2)"))
                    .isInstanceOfSatisfying(ClusterSqlException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(1180);
                        assertThat(e.getMessage()).contains("write quorum needs 4 of 6 segments, 3 up");
                    });
            assertThat(Rows.scalar(s, "SELECT COUNT(*) FROM t")).as("reads continue; the failed insert is gone")
                    .isEqualTo(1);
            cluster.recoverSegment(2);
            s.execute("INSERT INTO t VALUES (3)");
            cluster.recoverAz(1);
            assertThat(cluster.storage().segments()).allSatisfy(seg -> assertThat(seg.scl())
                    .isEqualTo(cluster.storage().vdl()));
        }
    }

    @Test
    void backtrackRewindsTheClusterAndClosesSessions() throws Exception {
        try (Cluster cluster = fast("rewind").readers(1).start()) {
            Session s = cluster.openWriterSession();
            s.execute("CREATE TABLE t (a INT)");
            s.execute("INSERT INTO t VALUES (1)");
            long keep = cluster.storage().vdl();
            Instant between = Instant.now();
            while (!Instant.now().isAfter(between)) {
                Thread.onSpinWait();
            }
            s.execute("INSERT INTO t VALUES (2)");
            assertThat(cluster.backtrack(keep)).isEqualTo(keep);
            assertThatThrownBy(() -> s.execute("SELECT 1")).isInstanceOf(ClusterSqlException.class);
            assertThat(cluster.awaitAvailable(cluster.topology().readers().get(0).id(), Duration.ofSeconds(5))).isTrue();
            try (Session w = cluster.openWriterSession()) {
                assertThat(Rows.scalar(w, "SELECT SUM(a) FROM t")).isEqualTo(1);
                w.execute("INSERT INTO t VALUES (5)");
                assertThat(Rows.scalar(w, "SELECT SUM(a) FROM t")).isEqualTo(6);
            }
        }
    }

    @Test
    void aCloneSharesHistoryAndDivergesAfterwards() throws Exception {
        try (Cluster cluster = fast("origin").readers(1).start()) {
            try (Session s = cluster.openWriterSession()) {
                s.execute("CREATE TABLE t (a INT)");
                s.execute("INSERT INTO t VALUES (1)");
            }
            try (Cluster clone = cluster.cloneAs("copy")) {
                assertThat(clone.topology().writerId()).isEqualTo("copy-instance-1");
                try (Session c = clone.openWriterSession(); Session o = cluster.openWriterSession()) {
                    c.execute("INSERT INTO t VALUES (10)");
                    o.execute("INSERT INTO t VALUES (100)");
                    assertThat(Rows.scalar(c, "SELECT SUM(a) FROM t")).isEqualTo(11);
                    assertThat(Rows.scalar(o, "SELECT SUM(a) FROM t")).isEqualTo(101);
                }
            }
        }
    }

    @Test
    void closingTheClusterStopsEveryThreadItStarted() throws Exception {
        Cluster cluster = fast("threads").readers(3).start();
        try (Session s = cluster.openWriterSession()) {
            s.execute("CREATE TABLE t (a INT)");
        }
        cluster.crash(cluster.topology().readers().get(0).id());
        cluster.close();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Set<String> alive;
        do {
            alive = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .filter(n -> n.startsWith("borealis-threads-")).collect(Collectors.toSet());
            if (alive.isEmpty()) {
                break;
            }
            LockSupport.parkNanos(10_000_000);
        } while (System.nanoTime() < deadline);
        assertThat(alive).isEmpty();
        assertThatThrownBy(() -> cluster.openWriterSession()).isInstanceOf(SQLException.class);
    }

    @Test
    void sqlOnAClosedSessionFailsByName() throws Exception {
        try (Cluster cluster = fast("closed").start()) {
            Session s = cluster.openWriterSession();
            s.close();
            assertThatThrownBy(() -> s.execute("SELECT 1"))
                    .isInstanceOfSatisfying(ClusterSqlException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("08003");
                        assertThat(e.getMessage()).contains("session " + s.id() + " is closed");
                    });
        }
    }
}

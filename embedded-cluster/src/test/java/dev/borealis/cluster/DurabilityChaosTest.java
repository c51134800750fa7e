package dev.borealis.cluster;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The central promise of the storage design: a commit the client was told succeeded survives any
 * number of writer crashes and failovers, and no transaction is ever visible in part.
 */
class DurabilityChaosTest {

    private static final int WRITERS = 8;
    private static final int FAULTS = 50;
    /** Transactions the writers may start per round; the fault strikes when half are acknowledged. */
    private static final int TRANSACTIONS_PER_ROUND = 40;

    @Test
    void noAcknowledgedCommitIsLostAcrossFiftyWriterCrashesAndFailovers() throws Exception {
        try (Cluster cluster = Cluster.builder().name("chaos").readers(3)
                .failoverDelay(Duration.ofMillis(20)).rebootDelay(Duration.ofMillis(20))
                .replicaLag(Duration.ZERO).start()) {
            try (Session s = cluster.openWriterSession()) {
                s.execute("CREATE TABLE orders (k BIGINT PRIMARY KEY, worker INT, created TIMESTAMP DEFAULT NOW())");
                s.execute("CREATE TABLE lines (id BIGINT AUTO_INCREMENT PRIMARY KEY, k BIGINT, qty INT)");
            }
            Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicLong keys = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            Semaphore budget = new Semaphore(0);
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int worker = w;
                Thread t = new Thread(() -> writeLoop(cluster, worker, keys, acknowledged, stop, budget), "chaos-writer-" + w);
                t.start();
                workers.add(t);
            }
            Random random = new Random(42);
            try {
                for (int fault = 0; fault < FAULTS; fault++) {
                    int target = acknowledged.size() + TRANSACTIONS_PER_ROUND / 2;
                    budget.release(TRANSACTIONS_PER_ROUND);
                    awaitProgress(acknowledged, target,
                            () -> "fault " + cluster.topology() + " last errors " + LAST_ERRORS);
                    if (random.nextBoolean()) {
                        cluster.crash(cluster.topology().writerId());
                    } else {
                        try {
                            cluster.failover();
                        } catch (IllegalStateException noReaderYet) {
                            cluster.crash(cluster.topology().writerId());
                        }
                    }
                    assertThat(cluster.awaitWriter(Duration.ofSeconds(10))).isTrue();
                    Set<Long> snapshot = new HashSet<>(acknowledged);
                    try (Session s = cluster.openWriterSession()) {
                        assertThat(Rows.longs(s, "SELECT k FROM orders")).as("after fault %d", fault)
                                .containsAll(snapshot);
                    } catch (SQLException writerMovedMeanwhile) {
                        // the next iteration checks again
                    }
                }
            } finally {
                stop.set(true);
                for (Thread t : workers) {
                    t.join(10_000);
                }
            }
            assertThat(cluster.awaitWriter(Duration.ofSeconds(10))).isTrue();
            assertThat(cluster.awaitReplication(Duration.ofSeconds(10))).isTrue();
            for (Instance instance : cluster.instances()) {
                if (instance.state() != InstanceState.AVAILABLE) {
                    continue;
                }
                try (Session s = instance.openSession()) {
                    assertThat(Rows.longs(s, "SELECT k FROM orders")).as(instance.id()).containsAll(acknowledged);
                    assertThat(Rows.scalar(s, "SELECT COUNT(*) FROM orders o WHERE NOT EXISTS"
                            + " (SELECT 1 FROM lines l WHERE l.k = o.k)")).as("orders without lines on " + instance.id())
                            .isZero();
                    assertThat(Rows.scalar(s, "SELECT COUNT(*) FROM lines l WHERE NOT EXISTS"
                            + " (SELECT 1 FROM orders o WHERE o.k = l.k)")).as("lines without orders on " + instance.id())
                            .isZero();
                    assertThat(Rows.scalar(s, "SELECT COUNT(*) FROM lines")).isEqualTo(
                            2 * Rows.scalar(s, "SELECT COUNT(*) FROM orders"));
                }
            }
            assertThat(acknowledged.size()).isGreaterThanOrEqualTo(FAULTS * TRANSACTIONS_PER_ROUND / 2);
        }
    }

    /** Each transaction: one order and two lines; a key is acknowledged only after COMMIT returned. */
    private static void writeLoop(Cluster cluster, int worker, AtomicLong keys, Set<Long> acknowledged,
                                  AtomicBoolean stop, Semaphore budget) {
        Session session = null;
        while (!stop.get()) {
            try {
                if (!budget.tryAcquire(20, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                if (session == null || session.isClosed()) {
                    session = cluster.openWriterSession();
                }
                long k = keys.incrementAndGet();
                session.begin(false);
                session.execute("INSERT INTO orders (k, worker) VALUES (" + k + ", " + worker + ")");
                session.execute("INSERT INTO lines (k, qty) VALUES (" + k + ", 1), (" + k + ", 2)");
                session.commit();
                acknowledged.add(k);
            } catch (SQLException e) {
                budget.release(); // not acknowledged: the round still owes this transaction
                LAST_ERRORS.put(worker, e.toString());
                if (session != null) {
                    session.close();
                }
                session = null;
                LockSupport.parkNanos(1_000_000); // back off while the writer is down
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (session != null) {
            session.close();
        }
    }

    private static final java.util.Map<Integer, String> LAST_ERRORS = new ConcurrentHashMap<>();

    private static void awaitProgress(Set<Long> acknowledged, int target, java.util.function.Supplier<String> why) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (acknowledged.size() < target) {
            if (System.nanoTime() > deadline) {
                StringBuilder dump = new StringBuilder();
                Thread.getAllStackTraces().forEach((t, st) -> {
                    if (t.getName().startsWith("chaos-writer-0") || t.getName().contains("control")) {
                        dump.append(t.getName()).append(' ').append(t.getState()).append('\n');
                        for (int i = 0; i < Math.min(25, st.length); i++) {
                            dump.append("    ").append(st[i]).append('\n');
                        }
                    }
                });
                throw new AssertionError("writers made no progress: " + why.get() + "\n" + dump);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}

package dev.borealis.cluster;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Readers converge on the writer's exact content and only ever show committed prefixes of its history. */
class ReplicaConsistencyTest {

    private static final List<String> TABLES = List.of("accounts", "events", "tags");

    @Test
    void readersConvergeToTheWritersContentAfterARandomConcurrentWorkload() throws Exception {
        try (Cluster cluster = Cluster.builder().name("converge").readers(2).replicaLag(Duration.ofMillis(2)).start()) {
            try (Session s = cluster.openWriterSession()) {
                s.execute("CREATE TABLE accounts (id INT AUTO_INCREMENT PRIMARY KEY, owner VARCHAR(20),"
                        + " balance DECIMAL(12,2), opened TIMESTAMP DEFAULT NOW(), token UUID DEFAULT RANDOM_UUID())");
                s.execute("CREATE TABLE events (kind VARCHAR(10), amount INT, noise DOUBLE)"); // no primary key
                s.execute("CREATE TABLE tags (account_id INT, tag VARCHAR(10), PRIMARY KEY (account_id, tag))");
            }
            List<Thread> threads = new ArrayList<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            for (int w = 0; w < 6; w++) {
                long seed = w;
                Thread t = new Thread(() -> randomWork(cluster, new Random(seed), failure), "converge-" + w);
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join(60_000);
            }
            assertThat(failure.get()).isNull();
            try (Session s = cluster.openWriterSession()) {
                s.execute("ALTER TABLE events ADD COLUMN note VARCHAR(20) DEFAULT 'late'");
                s.execute("UPDATE events SET note = 'x' WHERE amount < 10");
            }
            assertThat(cluster.awaitReplication(Duration.ofSeconds(10))).isTrue();
            try (Session writer = cluster.openWriterSession()) {
                for (InstanceStatus reader : cluster.topology().readers()) {
                    try (Session r = cluster.openSession(reader.id())) {
                        for (String table : TABLES) {
                            assertThat(Rows.content(r, table)).as(reader.id() + " " + table)
                                    .isEqualTo(Rows.content(writer, table));
                        }
                    }
                }
                assertThat(Rows.scalar(writer, "SELECT COUNT(*) FROM events")).isPositive();
            }
        }
    }

    private static void randomWork(Cluster cluster, Random random, AtomicReference<Throwable> failure) {
        try (Session s = cluster.openWriterSession()) {
            for (int i = 0; i < 150; i++) {
                s.begin(false);
                int n = random.nextInt(3) + 1;
                for (int j = 0; j < n; j++) {
                    switch (random.nextInt(6)) {
                        case 0 -> s.execute("INSERT INTO accounts (owner, balance) VALUES ('o" + random.nextInt(50)
                                + "', " + random.nextInt(1000) + ")");
                        case 1 -> s.execute("UPDATE accounts SET balance = balance + RAND() * 10 WHERE id % 7 = "
                                + random.nextInt(7));
                        case 2 -> s.execute("DELETE FROM accounts WHERE id % 13 = " + random.nextInt(13)
                                + " AND balance < 100");
                        case 3 -> s.execute("INSERT INTO events VALUES ('k" + random.nextInt(3) + "', "
                                + random.nextInt(20) + ", RAND())");
                        case 4 -> s.execute("DELETE FROM events WHERE amount = " + random.nextInt(20));
                        default -> s.execute("MERGE INTO tags KEY (account_id, tag) VALUES (" + random.nextInt(30)
                                + ", 't" + random.nextInt(4) + "')");
                    }
                }
                if (random.nextInt(5) == 0) {
                    s.rollback();
                } else {
                    s.commit();
                }
            }
        } catch (SQLException e) {
            if (!e.getMessage().contains("Lock wait timeout") && !e.getMessage().contains("Deadlock")) {
                failure.compareAndSet(null, e);
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        }
    }

    @Test
    void aReaderThatShowsATransactionShowsEveryEarlierOne() throws Exception {
        try (Cluster cluster = Cluster.builder().name("prefix").readers(2).replicaLag(Duration.ofMillis(1)).start()) {
            try (Session s = cluster.openWriterSession()) {
                s.execute("CREATE TABLE seq (n INT PRIMARY KEY)");
            }
            assertThat(cluster.awaitReplication(Duration.ofSeconds(5))).isTrue();
            AtomicBoolean done = new AtomicBoolean();
            AtomicReference<String> violation = new AtomicReference<>();
            List<Thread> checkers = new ArrayList<>();
            for (InstanceStatus reader : cluster.topology().readers()) {
                Thread t = new Thread(() -> {
                    try (Session r = cluster.openSession(reader.id())) {
                        while (!done.get()) {
                            List<Object> row = Rows.query(r, "SELECT COALESCE(MAX(n), 0), COUNT(*) FROM seq").get(0);
                            long max = ((Number) row.get(0)).longValue();
                            long count = ((Number) row.get(1)).longValue();
                            if (max != count) {
                                violation.compareAndSet(null, reader.id() + " shows n=" + max + " but only " + count + " rows");
                            }
                        }
                    } catch (SQLException e) {
                        violation.compareAndSet(null, e.toString());
                    }
                }, "prefix-check-" + reader.id());
                checkers.add(t);
                t.start();
            }
            try (Session s = cluster.openWriterSession()) {
                for (int n = 1; n <= 1500; n++) {
                    s.execute("INSERT INTO seq VALUES (" + n + ")"); // each commit acknowledged before the next
                }
            } finally {
                done.set(true);
                for (Thread t : checkers) {
                    t.join(10_000);
                }
            }
            assertThat(violation.get()).isNull();
        }
    }

    @Test
    void aReaderShowsACommitOnlyAfterItsLag() throws Exception {
        try (Cluster cluster = Cluster.builder().name("lag").reader("lag-slow", 1, Duration.ofMillis(400)).start()) {
            try (Session w = cluster.openWriterSession(); Session r = cluster.openSession("lag-slow")) {
                w.execute("CREATE TABLE t (a INT)");
                assertThat(cluster.awaitReplication(Duration.ofSeconds(5))).isTrue();
                long committedAt = System.nanoTime();
                w.execute("INSERT INTO t VALUES (1)");
                long seenAt;
                while (true) {
                    if (Rows.scalar(r, "SELECT COUNT(*) FROM t") == 1) {
                        seenAt = System.nanoTime();
                        break;
                    }
                    assertThat(System.nanoTime() - committedAt).isLessThan(Duration.ofSeconds(5).toNanos());
                }
                assertThat(Duration.ofNanos(seenAt - committedAt)).isGreaterThanOrEqualTo(Duration.ofMillis(390));
                assertThat(cluster.topology().instance("lag-slow").orElseThrow().configuredLagMillis()).isEqualTo(400);
            }
        }
    }
}

package dev.borealis.benchmarks;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import dev.borealis.cluster.Result;
import dev.borealis.cluster.Session;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Question: how fast is the embedded cluster's core — to start, to commit durably, and how close is
 * replica lag to the configured lag under a sustained write load?
 * <ul>
 *   <li>start: 1 writer + 2 readers, the first start in this JVM (cold) and the median of later starts (warm);</li>
 *   <li>commit latency p50/p99 of single-row autocommit inserts at 1 and 16 writer threads (2 readers applying);</li>
 *   <li>visibility delay on a reader (commit acknowledged → row visible) minus the configured lag, under load.</li>
 * </ul>
 * Run: {@code mvn -q -pl benchmarks -am package -DskipTests && java -jar benchmarks/target/borealis-benchmarks.jar cluster-core}
 */
public final class ClusterCoreBenchmark {

    /** Each of the 4 load threads offers 500 commits/s: 2,000 commits/s in all. */
    private static final long LOAD_INTERVAL_NANOS = 2_000_000;

    private ClusterCoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        run(args.length > 0 ? Engine.parse(args[0]) : Engine.MYSQL);
    }

    static void run(Engine engine) throws Exception {
        System.out.printf("== cluster core (%s), %d cores, %s%n", engine, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        startTimes(engine);
        commitLatency(engine, 1, 20_000);
        commitLatency(engine, 16, 40_000);
        replicaLag(engine, Duration.ofMillis(5));
        replicaLag(engine, Duration.ZERO);
    }

    private static Cluster start(Engine engine, String name, Duration lag) {
        return Cluster.builder().engine(engine).name(name).readers(2).replicaLag(lag).start();
    }

    private static void startTimes(Engine engine) {
        long cold = timeStart(engine, "cold");
        List<Long> warm = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            warm.add(timeStart(engine, "warm" + i));
        }
        warm.sort(null);
        System.out.printf("start 1 writer + 2 readers: first in this JVM %.1f ms, warm median %.1f ms, warm best %.1f ms%n",
                cold / 1e6, warm.get(warm.size() / 2) / 1e6, warm.get(0) / 1e6);
    }

    private static long timeStart(Engine engine, String name) {
        long t0 = System.nanoTime();
        Cluster cluster = start(engine, name, Duration.ofMillis(5));
        long elapsed = System.nanoTime() - t0;
        cluster.close();
        return elapsed;
    }

    private static void commitLatency(Engine engine, int threads, int totalCommits) throws Exception {
        try (Cluster cluster = start(engine, "commit" + threads, Duration.ofMillis(5))) {
            try (Session s = cluster.openWriterSession()) {
                s.execute("CREATE TABLE bench (id BIGINT PRIMARY KEY, payload VARCHAR(100))");
            }
            int perThread = totalCommits / threads;
            long[][] samples = new long[threads][perThread];
            AtomicLong ids = new AtomicLong();
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long[] mine = samples[t];
                Thread worker = new Thread(() -> {
                    try (Session s = cluster.openWriterSession()) {
                        for (int i = 0; i < 200; i++) { // warm-up
                            s.execute("INSERT INTO bench VALUES (" + ids.incrementAndGet() + ", 'warm')");
                        }
                        ready.countDown();
                        go.await();
                        for (int i = 0; i < mine.length; i++) {
                            long t0 = System.nanoTime();
                            s.execute("INSERT INTO bench VALUES (" + ids.incrementAndGet() + ", 'payload')");
                            mine[i] = System.nanoTime() - t0;
                        }
                    } catch (SQLException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }, "bench-writer-" + t);
                workers.add(worker);
                worker.start();
            }
            ready.await();
            long t0 = System.nanoTime();
            go.countDown();
            for (Thread worker : workers) {
                worker.join();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long[] all = new long[threads * perThread];
            for (int t = 0; t < threads; t++) {
                System.arraycopy(samples[t], 0, all, t * perThread, perThread);
            }
            Percentiles p = new Percentiles(all, all.length);
            System.out.printf("commit latency, %2d writer thread(s): p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms"
                            + " (%d commits, %.0f commits/s)%n", threads, p.millis(50), p.millis(99), p.millis(99.9),
                    p.count(), all.length / seconds);
        }
    }

    private static void replicaLag(Engine engine, Duration lag) throws Exception {
        try (Cluster cluster = start(engine, "lag" + lag.toMillis(), lag)) {
            try (Session s = cluster.openWriterSession()) {
                s.execute("CREATE TABLE load (id BIGINT PRIMARY KEY, v INT)");
                s.execute("CREATE TABLE probe (id BIGINT PRIMARY KEY)");
            }
            // probing a reader before the tables reached it would fail (the lag applies to DDL too)
            if (!cluster.awaitReplication(Duration.ofSeconds(10))) {
                throw new IllegalStateException("cluster " + cluster.name() + ": readers did not catch up with the DDL");
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong ids = new AtomicLong();
            List<Thread> load = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread worker = new Thread(() -> {
                    try (Session s = cluster.openWriterSession()) {
                        long next = System.nanoTime();
                        while (!stop.get()) {
                            s.execute("INSERT INTO load VALUES (" + ids.incrementAndGet() + ", 1)");
                            next += LOAD_INTERVAL_NANOS; // a fixed offered rate, not as fast as possible
                            long wait = next - System.nanoTime();
                            if (wait > 0) {
                                java.util.concurrent.locks.LockSupport.parkNanos(wait);
                            }
                        }
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }, "bench-load-" + t);
                load.add(worker);
                worker.start();
            }
            String reader = cluster.topology().readers().get(0).id();
            int probes = 300;
            long[] delays = new long[probes];
            try (Session w = cluster.openWriterSession(); Session r = cluster.openSession(reader)) {
                for (int i = 0; i < probes; i++) {
                    w.execute("INSERT INTO probe VALUES (" + i + ")");
                    long acked = System.nanoTime();
                    while (!visible(r, i)) {
                        Thread.onSpinWait();
                    }
                    delays[i] = System.nanoTime() - acked;
                }
            } finally {
                stop.set(true);
                for (Thread worker : load) {
                    worker.join();
                }
            }
            Percentiles p = new Percentiles(delays, probes);
            double configured = lag.toNanos() / 1e6;
            System.out.printf("replica visibility under 2,000 commits/s of write load, configured lag %.0f ms: p50 %.2f ms"
                            + " (+%.2f), p99 %.2f ms (+%.2f) beyond the commit acknowledgement (%d probes, %d load rows)%n",
                    configured, p.millis(50), p.millis(50) - configured, p.millis(99), p.millis(99) - configured,
                    probes, ids.get());
        }
    }

    private static boolean visible(Session reader, long id) throws SQLException {
        try (Result result = reader.execute("SELECT COUNT(*) FROM probe WHERE id = " + id)) {
            result.rows().next();
            return result.rows().getInt(1) == 1;
        }
    }
}

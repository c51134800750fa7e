package dev.borealis.samples;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import dev.borealis.cluster.Instance;
import dev.borealis.cluster.InstanceState;
import dev.borealis.cluster.Result;
import dev.borealis.cluster.Role;
import dev.borealis.cluster.Session;

import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The demo: an Aurora-like cluster in this process, a vote-casting app writing to the writer and
 * reading from the readers, the writer crashing halfway, a live timeline, and the proof that no
 * acknowledged vote was lost. Exit code 0 only if none was.
 *
 * <p>Run: {@code java -jar samples/target/borealis-demo.jar [--engine mysql|postgresql] [--readers N] [--seconds N]}
 */
public final class Demo {

    private final Engine engine;
    private final int readers;
    private final int seconds;
    private final PrintStream out;
    private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    private final Map<String, LongAdder> readsByInstance = new ConcurrentHashMap<>();
    private final LongAdder writes = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final AtomicLong voteIds = new AtomicLong();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong crashAt = new AtomicLong(-1);
    private final AtomicLong firstWriteAfterCrash = new AtomicLong(-1);

    Demo(Engine engine, int readers, int seconds, PrintStream out) {
        this.engine = engine;
        this.readers = readers;
        this.seconds = seconds;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Engine engine = Engine.MYSQL;
        int readers = 2;
        int seconds = 10;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--engine" -> engine = Engine.parse(value(args, ++i, "--engine"));
                    case "--readers" -> readers = Integer.parseInt(value(args, ++i, "--readers"));
                    case "--seconds" -> seconds = Integer.parseInt(value(args, ++i, "--seconds"));
                    case "--help" -> {
                        out.println("usage: borealis-demo [--engine mysql|postgresql] [--readers 1..15] [--seconds N>=4]");
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown flag '" + args[i] + "' (see --help)");
                }
            }
            if (readers < 1 || readers > 15) {
                throw new IllegalArgumentException("--readers: " + readers + " is out of range 1..15");
            }
            if (seconds < 4) {
                throw new IllegalArgumentException("--seconds: " + seconds + " is too short (at least 4)");
            }
        } catch (IllegalArgumentException e) {
            err.println("borealis-demo: " + e.getMessage());
            return 2;
        }
        try {
            return new Demo(engine, readers, seconds, out).run();
        } catch (Exception e) {
            err.println("borealis-demo: failed: " + e);
            return 1;
        }
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + ": a value is required");
        }
        return args[i];
    }

    int run() throws Exception {
        try (Cluster cluster = Cluster.builder().engine(engine).name("demo").readers(readers)
                .failoverDelay(Duration.ofMillis(1000)).start()) {
            out.printf("Borealis demo: %s cluster '%s', writer %s, readers %s%n", engine.displayName(), cluster.name(),
                    cluster.topology().writerId(), cluster.topology().readers().stream().map(r -> r.id()).toList());
            try (Session s = cluster.openWriterSession()) {
                s.execute("CREATE TABLE planet (id INT PRIMARY KEY, name VARCHAR(50))");
                s.execute("INSERT INTO planet VALUES (1, 'Mercury'), (2, 'Venus'), (3, 'Earth'), (4, 'Mars')");
                s.execute("CREATE TABLE vote (id BIGINT PRIMARY KEY, planet_id INT, cast_at TIMESTAMP DEFAULT NOW())");
            }
            cluster.awaitReplication(Duration.ofSeconds(10));
            Thread[] workers = {
                new Thread(() -> writeVotes(cluster), "demo-voter-1"),
                new Thread(() -> writeVotes(cluster), "demo-voter-2"),
                new Thread(() -> readTallies(cluster), "demo-reader-1"),
                new Thread(() -> readTallies(cluster), "demo-reader-2")};
            for (Thread w : workers) {
                w.start();
            }
            long start = System.nanoTime();
            long lastWrites = 0;
            for (int second = 1; second <= seconds; second++) {
                long tick = start + Duration.ofSeconds(second).toNanos();
                while (System.nanoTime() < tick) {
                    LockSupport.parkNanos(Math.min(10_000_000, tick - System.nanoTime()));
                }
                long nowWrites = writes.sum();
                printTimeline(cluster, second, nowWrites - lastWrites, second == seconds / 2);
                lastWrites = nowWrites;
                if (second == seconds / 2) {
                    String writer = cluster.topology().writerId();
                    crashAt.set(System.nanoTime());
                    cluster.crash(writer);
                    out.printf("          !! crashed the writer %s%n", writer);
                }
            }
            stop.set(true);
            for (Thread w : workers) {
                w.join(10_000);
            }
            return summary(cluster, crashAt.get(), firstWriteAfterCrash.get());
        }
    }

    private void printTimeline(Cluster cluster, int second, long writesThisSecond, boolean crashing) {
        Map<String, Long> reads = new TreeMap<>();
        readsByInstance.forEach((id, n) -> reads.put(id, n.sumThenReset()));
        StringBuilder bar = new StringBuilder();
        for (int i = 0; i < seconds; i++) {
            bar.append(i < second ? '#' : '.');
        }
        out.printf("[%s] %2ds  writes/s %5d  reads/s %s  errors %d  writer %s%n", bar, second, writesThisSecond,
                reads, errors.sumThenReset(), describeWriter(cluster));
    }

    private static String describeWriter(Cluster cluster) {
        Instance writer = cluster.writer();
        return writer.id() + (writer.state() == InstanceState.AVAILABLE ? "" : " (" + writer.state() + ")");
    }

    private void writeVotes(Cluster cluster) {
        Session session = null;
        while (!stop.get()) {
            try {
                if (session == null || session.isClosed()) {
                    session = cluster.openWriterSession();
                }
                long id = voteIds.incrementAndGet();
                long began = System.nanoTime();
                session.execute("INSERT INTO vote (id, planet_id) VALUES (" + id + ", " + (1 + id % 4) + ")");
                acknowledged.add(id);
                long crashed = crashAt.get();
                if (crashed > 0 && began > crashed) {
                    firstWriteAfterCrash.compareAndSet(-1, System.nanoTime());
                }
                writes.increment();
                LockSupport.parkNanos(1_000_000);
            } catch (SQLException e) {
                errors.increment();
                session = null;
                LockSupport.parkNanos(20_000_000); // retry pacing while the writer is down
            }
        }
    }

    private void readTallies(Cluster cluster) {
        int next = 0;
        while (!stop.get()) {
            var candidates = cluster.topology().readers().stream()
                    .filter(r -> r.state() == InstanceState.AVAILABLE).toList();
            if (candidates.isEmpty()) {
                LockSupport.parkNanos(20_000_000);
                continue;
            }
            String id = candidates.get(next++ % candidates.size()).id();
            try (Session s = cluster.openSession(id);
                 Result r = s.execute("SELECT p.name, COUNT(v.id) FROM planet p LEFT JOIN vote v ON v.planet_id = p.id"
                         + " GROUP BY p.name")) {
                while (r.rows().next()) {
                    r.rows().getString(1);
                }
                readsByInstance.computeIfAbsent(id, k -> new LongAdder()).increment();
                LockSupport.parkNanos(2_000_000);
            } catch (SQLException e) {
                errors.increment();
            }
        }
    }

    private int summary(Cluster cluster, long crashAt, long firstWriteAfterCrash) throws SQLException {
        if (!cluster.awaitWriter(Duration.ofSeconds(10))) {
            out.println("no writer after the crash: FAILED");
            return 1;
        }
        long lost;
        long stored;
        try (Session s = cluster.openWriterSession(); Result r = s.execute("SELECT id FROM vote")) {
            Set<Long> present = ConcurrentHashMap.newKeySet();
            while (r.rows().next()) {
                present.add(r.rows().getLong(1));
            }
            stored = present.size();
            lost = acknowledged.stream().filter(id -> !present.contains(id)).count();
        }
        out.println("-- summary --");
        out.printf("new writer: %s (%s)%n", cluster.topology().writerId(), cluster.writer().role() == Role.WRITER ? "writer" : "?");
        out.printf("time from crash to first successful write: %s%n", firstWriteAfterCrash < 0 ? "no write after the crash"
                : String.format("%.0f ms", (firstWriteAfterCrash - crashAt) / 1e6));
        out.printf("votes acknowledged: %d, stored: %d, acknowledged but lost: %d%n", acknowledged.size(), stored, lost);
        out.println(lost == 0 ? "RESULT: no acknowledged write was lost" : "RESULT: FAILED, acknowledged writes were lost");
        return lost == 0 && firstWriteAfterCrash > 0 ? 0 : 1;
    }
}

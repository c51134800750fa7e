package dev.borealis.samples.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;

/**
 * One run of the demo: start (or reach) the cluster, create the schema, run the vote workload with one timeline
 * line per second, crash the writer halfway, then check the ledger and write the chart. Returns the exit code:
 * 0 only if no acknowledged vote was lost (or stored twice) and, when the demo crashed the writer, writes resumed.
 */
public final class DemoRun {

    private static final int VOTERS = 2;

    private final DemoOptions options;
    private final PrintStream out;

    public DemoRun(DemoOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public int run() throws IOException, SQLException {
        try (DemoTarget target = options.embedded() ? EmbeddedTarget.start(options.engine(), options.readers(),
                options.portPerInstance(), options.connectByIp())
                : new ExternalTarget(options.engine(), options.url())) {
            out.println("Borealis demo: " + options.engine().displayName() + ", " + options.duration().toSeconds()
                    + " s, votes through HikariCP + the Borealis driver (read/write splitting, failover)");
            target.describe().forEach(out::println);
            out.println("  Borealis URL      " + DemoOptions.masked(target.url()));
            Meter meter = new Meter();
            int readerThreads = Math.max(2, options.readers());
            try (VoteApp app = new VoteApp(target.url(), options.user(), options.password(), options.engine(),
                    VOTERS + readerThreads + 2, meter)) {
                app.createSchema();
                awaitReadable(app);
                return runWorkload(target, app, meter, readerThreads);
            }
        }
    }

    /** The new tables reach the readers after their replica lag; start once a read-only tally works. */
    private static void awaitReadable(VoteApp app) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try {
                app.tally();
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw new SQLException("the vote tables are not readable on a reader 15 s after creating them: "
                            + e.getMessage(), e.getSQLState(), e);
                }
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
        }
    }

    /** What the timeline recorded: one tick per second, the crash (if any) and the recovery marks. */
    private record Timeline(List<Tick> ticks, List<String> instances, String crashed, SvgChart.Marks marks) {
    }

    private int runWorkload(DemoTarget target, VoteApp app, Meter meter, int readerThreads) throws SQLException {
        Workload workload = new Workload(app, meter);
        Timeline timeline;
        try (workload) {
            workload.start(VOTERS, readerThreads);
            timeline = timeline(target, meter, workload);
        }
        long recovery = workload.recoveryMillis();
        SvgChart.Marks marks = timeline.marks();
        if (recovery >= 0) {
            marks = new SvgChart.Marks(marks.crashAt(), timeline.crashed(), marks.crashAt() + recovery / 1000.0, recovery);
        }
        LedgerCheck check = LedgerCheck.of(workload.ledger(), app.storedVotes());
        boolean resumed = !target.canCrash() || recovery >= 0;
        summary(target, meter, check, timeline.crashed(), recovery, resumed);
        writeChart(timeline.ticks(), timeline.instances(), marks);
        boolean passed = check.passed() && resumed;
        out.println(passed ? "RESULT: PASSED - no acknowledged write was lost"
                : "RESULT: FAILED - " + (check.passed() ? "writes did not resume after the crash"
                : "acknowledged writes were lost or stored twice"));
        return passed ? 0 : 1;
    }

    /** One line per second while the workload runs; the writer crashes at the end of the middle second. */
    private Timeline timeline(DemoTarget target, Meter meter, Workload workload) {
        int seconds = (int) options.duration().toSeconds();
        Set<String> instances = new TreeSet<>(target.instanceIds());
        TimelinePrinter printer = new TimelinePrinter(out, seconds);
        List<Tick> ticks = new ArrayList<>();
        SvgChart.Marks marks = SvgChart.Marks.none();
        String crashed = "";
        long start = System.nanoTime();
        for (int second = 1; second <= seconds; second++) {
            awaitNanos(start + Duration.ofSeconds(second).toNanos());
            Tick tick = meter.tick(second, target.writerState().orElse(meter.lastWriteInstance()));
            ticks.add(tick);
            instances.addAll(tick.reads().keySet());
            instances.addAll(tick.writes().keySet());
            printer.print(tick, instances);
            if (second == seconds / 2 && target.canCrash()) {
                long at = System.nanoTime();
                crashed = target.crashWriter();
                workload.crashed(crashed, at);
                marks = new SvgChart.Marks((at - start) / 1e9, crashed, -1, -1);
                printer.event("crashed the writer " + crashed + " (a reader is promoted after the failover delay)");
            }
        }
        return new Timeline(ticks, List.copyOf(instances), crashed, marks);
    }

    private static void awaitNanos(long deadline) {
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private void summary(DemoTarget target, Meter meter, LedgerCheck check, String crashed, long recovery,
                         boolean resumed) {
        out.println("-- summary --");
        if (target.canCrash()) {
            out.println("writer crashed: " + crashed + ", writer now: " + target.writerState().orElse("?"));
            out.println("time from crash to first successful write: "
                    + (resumed ? recovery + " ms" : "no write succeeded after the crash"));
        } else {
            out.println("no crash injected (real cluster, no fault hook); last write on " + meter.lastWriteInstance());
        }
        out.printf("votes acknowledged: %d, acknowledged but lost: %d, stored twice: %d"
                        + " (rows stored: %d, of which unacknowledged: %d)%n",
                check.acknowledged(), check.lost(), check.duplicated(), check.storedRows(), check.unacknowledgedStored());
        Map<String, Long> reads = meter.readsPerInstance();
        out.println("reads per instance: " + TimelinePrinter.perInstance(reads));
        out.printf("failovers the app retried through (08S02/08007): %d, errors it gave up on: %d%n",
                meter.recoveredTotal(), meter.errorsTotal());
        meter.errorsByState().forEach((what, n) -> out.println("  " + n + " x " + what));
    }

    private void writeChart(List<Tick> ticks, List<String> instances, SvgChart.Marks marks) {
        String title = "Borealis demo: " + options.engine().displayName() + " votes per instance"
                + (marks.crashAt() >= 0 ? ", writer crash at " + String.format("%.1f", marks.crashAt()) + " s" : "");
        Path path = options.chart().toAbsolutePath();
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, new SvgChart(title, ticks, instances, marks).render(), StandardCharsets.UTF_8);
            out.println("chart: " + path);
        } catch (IOException e) {
            out.println("chart: cannot write " + path + ": " + e.getMessage());
        }
    }
}

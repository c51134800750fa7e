package dev.borealis.samples.demo;

import dev.borealis.samples.jdbc.FailoverRetry;

import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts what the workload does, per instance, and hands out one {@link Tick} per second. */
final class Meter implements FailoverRetry.Listener {

    private final Map<String, LongAdder> writes = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> reads = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> readsTotal = new ConcurrentHashMap<>();
    private final LongAdder recovered = new LongAdder();
    private final LongAdder recoveredTotal = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder errorsTotal = new LongAdder();
    private final Map<String, LongAdder> errorsByState = new ConcurrentHashMap<>();
    private volatile String lastWriteInstance = "?";

    void wrote(String instance) {
        writes.computeIfAbsent(instance, k -> new LongAdder()).increment();
        lastWriteInstance = instance;
    }

    void read(String instance) {
        reads.computeIfAbsent(instance, k -> new LongAdder()).increment();
        readsTotal.computeIfAbsent(instance, k -> new LongAdder()).increment();
    }

    void error(SQLException e) {
        errors.increment();
        errorsTotal.increment();
        errorsByState.computeIfAbsent(e.getSQLState() + ": " + firstLine(e.getMessage()), k -> new LongAdder()).increment();
    }

    private static String firstLine(String message) {
        String m = message == null ? "" : message.lines().findFirst().orElse("");
        return m.length() > 160 ? m.substring(0, 160) + "..." : m;
    }

    /** Errors the app gave up on, by SQLState and message. */
    Map<String, Long> errorsByState() {
        Map<String, Long> snapshot = new TreeMap<>();
        errorsByState.forEach((k, n) -> snapshot.put(k, n.sum()));
        return snapshot;
    }

    @Override
    public void recovered(FailoverRetry.Action action, SQLException cause) {
        recovered.increment();
        recoveredTotal.increment();
    }

    String lastWriteInstance() {
        return lastWriteInstance;
    }

    /** The counts since the previous tick (they restart from zero). */
    Tick tick(int second, String writer) {
        return new Tick(second, drain(writes), drain(reads), recovered.sumThenReset(), errors.sumThenReset(), writer);
    }

    private static Map<String, Long> drain(Map<String, LongAdder> counters) {
        Map<String, Long> snapshot = new TreeMap<>();
        counters.forEach((id, n) -> snapshot.put(id, n.sumThenReset()));
        return snapshot;
    }

    Map<String, Long> readsPerInstance() {
        Map<String, Long> snapshot = new TreeMap<>();
        readsTotal.forEach((id, n) -> snapshot.put(id, n.sum()));
        return snapshot;
    }

    long recoveredTotal() {
        return recoveredTotal.sum();
    }

    long errorsTotal() {
        return errorsTotal.sum();
    }
}

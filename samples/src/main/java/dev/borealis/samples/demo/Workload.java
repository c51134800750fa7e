package dev.borealis.samples.demo;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Voters (writer threads) and tally readers (reader threads) running against the {@link VoteApp} until stopped.
 * Every vote has a unique id; the ledger holds the ids whose commit was acknowledged, and only those.
 */
final class Workload implements AutoCloseable {

    private static final long PACE_NANOS = Duration.ofMillis(2).toNanos();
    private static final long BACKOFF_NANOS = Duration.ofMillis(50).toNanos();

    private final VoteApp app;
    private final Meter meter;
    private final Set<Long> ledger = ConcurrentHashMap.newKeySet();
    private final AtomicLong nextVoteId = new AtomicLong();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private volatile long crashedAtNanos;
    private volatile String crashedInstance;
    private final AtomicLong firstWriteAfterCrashNanos = new AtomicLong(-1);

    Workload(VoteApp app, Meter meter) {
        this.app = app;
        this.meter = meter;
    }

    void start(int voters, int readers) {
        for (int i = 1; i <= voters; i++) {
            threads.add(new Thread(this::vote, "demo-voter-" + i));
        }
        for (int i = 1; i <= readers; i++) {
            threads.add(new Thread(this::readTallies, "demo-reader-" + i));
        }
        threads.forEach(Thread::start);
    }

    /** From now on, the first vote acknowledged by an instance other than {@code instance} marks the recovery. */
    void crashed(String instance, long atNanos) {
        crashedInstance = instance;
        crashedAtNanos = atNanos;
    }

    private void vote() {
        while (!stop.get()) {
            long id = nextVoteId.incrementAndGet();
            try {
                String instance = app.castVote(id, 1 + (int) (id % VoteApp.PLANETS.size()));
                long now = System.nanoTime();
                ledger.add(id); // acknowledged: the commit returned
                meter.wrote(instance);
                String crashed = crashedInstance;
                if (crashed != null && !crashed.equals(instance)) {
                    firstWriteAfterCrashNanos.compareAndSet(-1, now);
                }
                LockSupport.parkNanos(PACE_NANOS);
            } catch (SQLException e) {
                meter.error(e); // given up (08001 or another error): not acknowledged, so not in the ledger
                LockSupport.parkNanos(BACKOFF_NANOS);
            }
        }
    }

    private void readTallies() {
        while (!stop.get()) {
            try {
                meter.read(app.tally());
                LockSupport.parkNanos(PACE_NANOS);
            } catch (SQLException e) {
                meter.error(e);
                LockSupport.parkNanos(BACKOFF_NANOS);
            }
        }
    }

    Set<Long> ledger() {
        return ledger;
    }

    long votesAttempted() {
        return nextVoteId.get();
    }

    /** Milliseconds from the crash to the first vote acknowledged by another instance; -1 if none (yet). */
    long recoveryMillis() {
        long at = firstWriteAfterCrashNanos.get();
        return at < 0 ? -1 : Math.max(0, Duration.ofNanos(at - crashedAtNanos).toMillis());
    }

    /** Stops every thread and waits for it (each finishes its current transaction, bounded by the driver's timeouts). */
    @Override
    public void close() {
        stop.set(true);
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (t.isAlive()) {
                throw new IllegalStateException(t.getName() + " did not stop within 60 s");
            }
        }
    }
}

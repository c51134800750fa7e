package dev.borealis.cluster.compute;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The last line between one statement and the heap every instance of this JVM shares.
 *
 * <p>Why it exists: H2 spools large results to disk only for persistent databases
 * ({@code MAX_MEMORY_ROWS} is ignored for {@code jdbc:h2:mem:}), and {@code MAX_OPERATION_MEMORY} only
 * bounds undo logs, so a sort or a materialised subquery over fifty million rows fills the heap; H2 then
 * answers {@code OutOfMemoryError} by shutting the whole database down. The guard asks the JVM to tell it
 * when the heap is still more than {@link #DEFAULT_THRESHOLD} full <em>after</em> a garbage collection
 * (live data, not garbage), and cancels the running statement whose thread allocated the most since it
 * started (the oldest, where the JVM cannot count allocations): the one most likely to hold the memory, and
 * never a statement that only waits for a lock. That statement fails with the engine's out-of-memory error; the database and every
 * other session survive. Each further notification cancels the next oldest.
 *
 * <p>One per JVM, since the heap is. The JVM delivers notifications on its own notification thread.
 * The threshold can be set with the system property {@value #THRESHOLD_PROPERTY} (a fraction of the old
 * generation's maximum, 0.1 to 0.95, or {@code off} to measure what happens without the guard).
 */
final class MemoryGuard {

    static final String THRESHOLD_PROPERTY = "borealis.memoryGuard.threshold";
    static final double DEFAULT_THRESHOLD = 0.6;

    private static final System.Logger LOG = System.getLogger(MemoryGuard.class.getName());
    private static final com.sun.management.ThreadMXBean ALLOCATION_COUNTER = allocationCounter();
    private static final MemoryGuard INSTANCE = new MemoryGuard();

    private final Set<Running> running = ConcurrentHashMap.newKeySet();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong cancellations = new AtomicLong();
    private final double threshold = threshold();

    /**
     * A statement in progress: executing, or done executing but with rows still to fetch (H2 runs
     * queries lazily, so fetching computes rows too). Its session can cancel it.
     */
    static final class Running {
        private final long order;
        private final H2Session session;
        private final long threadId = Thread.currentThread().getId();
        private final long allocatedAtStart = allocatedBytes(threadId);
        private volatile boolean executing = true;
        private volatile java.sql.ResultSet rows;

        private Running(long order, H2Session session) {
            this.order = order;
            this.session = session;
        }

        /** Bytes the statement's thread allocated since it started (0 where the JVM does not count). */
        long allocatedSinceStart() {
            long now = allocatedBytes(threadId);
            return now < 0 || allocatedAtStart < 0 ? 0 : now - allocatedAtStart;
        }

        /** Execution returned: a query's rows may still be computed while the client fetches them. */
        void executed(java.sql.ResultSet rows) {
            this.rows = rows;
            executing = false;
        }

        long order() {
            return order;
        }

        H2Session session() {
            return session;
        }

        /** 0: executing; 1: fetching rows; 2: nothing left that can use memory. */
        int activity() {
            if (executing) {
                return 0;
            }
            java.sql.ResultSet r = rows;
            try {
                return r != null && !r.isClosed() ? 1 : 2;
            } catch (java.sql.SQLException closed) {
                return 2;
            }
        }
    }

    private MemoryGuard() {
        if (threshold > 0) {
            install();
        } else {
            LOG.log(System.Logger.Level.WARNING, THRESHOLD_PROPERTY + "=off: statements are not cancelled before"
                    + " the heap runs out");
        }
    }

    static MemoryGuard get() {
        return INSTANCE;
    }

    Running started(H2Session session) {
        Running r = new Running(sequence.incrementAndGet(), session);
        running.add(r);
        return r;
    }

    void finished(Running r) {
        running.remove(r);
    }

    long cancellations() {
        return cancellations.get();
    }

    /** Statements watched now (tests). */
    int watching() {
        return (int) running.stream().filter(r -> r.activity() < 2).count();
    }

    /**
     * The heap is short: cancels the running statement that allocated the most (package-private so
     * that tests can drive it without filling the heap). Returns the session cancelled, if any.
     */
    Optional<H2Session> relieve(String why) {
        Optional<Running> victim = running.stream().filter(r -> r.activity() < 2)
                .max(Comparator.comparingLong(Running::allocatedSinceStart)
                        .thenComparing(Comparator.comparingLong(Running::order).reversed()));
        victim.ifPresent(r -> {
            running.remove(r);
            cancellations.incrementAndGet();
            long allocatedMb = r.allocatedSinceStart() >> 20;
            LOG.log(System.Logger.Level.ERROR, () -> "instance " + r.session().instance().id() + ": " + why
                    + "; cancelling the statement of session " + r.session().id() + " (it allocated "
                    + allocatedMb + " MB since it started)");
            r.session().cancelForMemory(why);
        });
        return victim.map(Running::session);
    }

    /** The thread's allocated bytes so far, or -1 where the JVM does not count them. */
    private static long allocatedBytes(long threadId) {
        return ALLOCATION_COUNTER != null ? ALLOCATION_COUNTER.getThreadAllocatedBytes(threadId) : -1;
    }

    private static com.sun.management.ThreadMXBean allocationCounter() {
        try {
            if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean counter
                    && counter.isThreadAllocatedMemorySupported() && counter.isThreadAllocatedMemoryEnabled()) {
                return counter;
            }
        } catch (LinkageError | UnsupportedOperationException notThere) {
            // a JVM without jdk.management: fall back to the oldest statement
        }
        return null;
    }

    private void install() {
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported()
                        && p.getUsage().getMax() > 0)
                .toList();
        for (MemoryPoolMXBean pool : pools) {
            pool.setCollectionUsageThreshold((long) (pool.getUsage().getMax() * threshold));
        }
        if (pools.isEmpty() || !(ManagementFactory.getMemoryMXBean() instanceof NotificationEmitter emitter)) {
            LOG.log(System.Logger.Level.WARNING, "no heap pool reports usage after collection: statements are not"
                    + " cancelled before the heap runs out");
            return;
        }
        emitter.addNotificationListener((notification, handback) -> {
            if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(notification.getType())) {
                MemoryNotificationInfo info = MemoryNotificationInfo.from((CompositeData) notification.getUserData());
                relieve(describe(info.getPoolName(), info.getUsage()));
            }
        }, null, null);
    }

    private String describe(String pool, MemoryUsage usage) {
        return String.format(java.util.Locale.ROOT,
                "heap pool '%s' holds %d MB of %d MB after garbage collection (limit %.0f%%)",
                pool, usage.getUsed() >> 20, usage.getMax() >> 20, threshold * 100);
    }

    private static double threshold() {
        String value = System.getProperty(THRESHOLD_PROPERTY);
        if (value == null) {
            return DEFAULT_THRESHOLD;
        }
        if (value.equals("off")) {
            return 0;
        }
        try {
            double t = Double.parseDouble(value);
            if (t >= 0.1 && t <= 0.95) {
                return t;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        LOG.log(System.Logger.Level.WARNING, () -> THRESHOLD_PROPERTY + "=" + value
                + " is not a fraction from 0.1 to 0.95; using " + DEFAULT_THRESHOLD);
        return DEFAULT_THRESHOLD;
    }
}

package dev.borealis.cluster.storage;

import dev.borealis.cluster.Ticker;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A quorum-replicated redo log: 6 segments, 2 in each of 3 availability zones; a chunk is held by a
 * write quorum once 4 segments have it; the durable end of the log is found with 3 (AURORA.md).
 *
 * <p>Bookkeeping, all guarded by one lock: the log is a list of chunk slots in LSN order, each with
 * a bit per segment that holds it. From the bits follow each segment's SCL, the volume's VCL
 * (highest LSN with every chunk at or below held by 4) and VDL (highest consistency point at or
 * below VCL). Commits wait for VDL; readers consume transactions at or below VDL only.
 *
 * <p>States of a chunk: appended (delivered to the segments that are up) → complete (write quorum)
 * → durable (its transaction's consistency point is complete), or → truncated (a commit timed out,
 * recovery cut the log above VDL, or a backtrack rewound it). Truncated LSNs are handed out again.
 */
public final class Volume {

    public static final int SEGMENTS = 6;
    public static final int WRITE_QUORUM = 4;
    public static final int READ_QUORUM = 3;
    /** Records per chunk: a transaction larger than this ships in several chunks. */
    static final int CHUNK_RECORDS = 64;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Ticker ticker;
    private final Clock clock;
    private final long maxLsnsAheadOfDurable;

    private final ArrayList<Slot> log = new ArrayList<>();
    /** Commits not yet acknowledged → the truncation count when they were appended (identity-keyed). */
    private final java.util.Map<RedoChunk, Long> appendedAt = new java.util.IdentityHashMap<>();
    private final boolean[] up = new boolean[SEGMENTS];
    private final int[] sclIndex = new int[SEGMENTS];
    private int vclIndex = -1;
    private int vdlIndex = -1;
    private long epoch = 1;
    private boolean closed;
    /** Highest LSN discarded from the front of the log (0: nothing discarded); the log starts after it. */
    private long baseLsn;
    private Checkpoint checkpoint;
    /** Counts truncations, so a waiter whose chunk left the log can tell discarded from truncated. */
    private long truncations;
    /** Bumped by every backtrack: history after the backtrack point is a different history. */
    private long timeline;

    private static final class Slot {
        final RedoChunk chunk;
        int holders;

        Slot(RedoChunk chunk, int holders) {
            this.chunk = chunk;
            this.holders = holders;
        }
    }

    /**
     * @param maxLsnsAheadOfDurable back-pressure: appends wait while the log runs further than this
     *                              ahead of VDL (Aurora's LSN allocation limit)
     */
    public Volume(Ticker ticker, Clock clock, long maxLsnsAheadOfDurable) {
        if (maxLsnsAheadOfDurable < CHUNK_RECORDS) {
            throw new IllegalArgumentException("maxLsnsAheadOfDurable must be at least " + CHUNK_RECORDS
                    + ", was " + maxLsnsAheadOfDurable);
        }
        this.ticker = ticker;
        this.clock = clock;
        this.maxLsnsAheadOfDurable = maxLsnsAheadOfDurable;
        java.util.Arrays.fill(up, true);
        java.util.Arrays.fill(sclIndex, -1);
    }

    /** A new volume holding the durable history of {@code source} up to now (copy-on-write clone). */
    public static Volume cloneOf(Volume source) {
        Volume clone = new Volume(source.ticker, source.clock, source.maxLsnsAheadOfDurable);
        source.lock.lock();
        try {
            clone.baseLsn = source.baseLsn;
            clone.checkpoint = source.checkpoint;
            for (int i = 0; i <= source.vdlIndex; i++) {
                clone.log.add(new Slot(source.log.get(i).chunk, (1 << SEGMENTS) - 1));
            }
            java.util.Arrays.fill(clone.sclIndex, source.vdlIndex);
            clone.vclIndex = source.vdlIndex;
            clone.vdlIndex = source.vdlIndex;
        } finally {
            source.lock.unlock();
        }
        return clone;
    }

    public static String segmentName(int segment) {
        return "az" + (segment / 2 + 1) + "-" + (char) ('a' + segment % 2);
    }

    // ---------------------------------------------------------------- writer side

    /**
     * Ships one transaction's records to the segments that are up, as one atomic group ending in a
     * consistency point. Returns at once; {@link #awaitDurable} waits for the acknowledgement.
     *
     * @return the chunk holding the transaction's consistency point
     */
    public RedoChunk append(long writerEpoch, List<RedoRecord> records, long timeoutNanos) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("nothing to append");
        }
        long deadline = ticker.nanos() + timeoutNanos;
        lock.lock();
        try {
            checkOpen();
            checkEpoch(writerEpoch);
            while (lastLsn() - vdl() + records.size() > maxLsnsAheadOfDurable && lastLsn() > vdl()) {
                long left = deadline - ticker.nanos();
                if (left <= 0) {
                    throw quorumUnavailable("log is " + (lastLsn() - vdl()) + " LSNs ahead of durable, limit "
                            + maxLsnsAheadOfDurable, timeoutNanos);
                }
                awaitNanos(left);
                checkOpen();
                checkEpoch(writerEpoch);
            }
            long nanos = ticker.nanos();
            long millis = clock.millis();
            RedoChunk last = null;
            for (int from = 0; from < records.size(); from += CHUNK_RECORDS) {
                int to = Math.min(records.size(), from + CHUNK_RECORDS);
                last = new RedoChunk(lastLsn() + 1, records.subList(from, to), to == records.size(),
                        writerEpoch, nanos, millis);
                deliver(last);
            }
            appendedAt.put(last, truncations);
            changed.signalAll();
            return last;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until {@code chunk}'s consistency point is durable. If it does not become durable in
     * time, everything above VDL is truncated (so it can never surface later) and this throws.
     */
    public void awaitDurable(RedoChunk chunk, long timeoutNanos) {
        awaitDurable(chunk, truncationsWhenAppended(chunk), timeoutNanos);
    }

    private long truncationsWhenAppended(RedoChunk chunk) {
        lock.lock();
        try {
            Long seen = appendedAt.get(chunk);
            return seen != null ? seen : truncations;
        } finally {
            lock.unlock();
        }
    }

    private void awaitDurable(RedoChunk chunk, long truncationsAtAppend, long timeoutNanos) {
        long deadline = ticker.nanos() + timeoutNanos;
        lock.lock();
        try {
            while (true) {
                if (chunk.lastLsn() <= baseLsn && truncations == truncationsAtAppend) {
                    appendedAt.remove(chunk);
                    return; // durable, checkpointed and discarded before this waiter looked
                }
                int index = indexOf(chunk.firstLsn());
                if (index < 0 || log.get(index).chunk != chunk) {
                    appendedAt.remove(chunk);
                    throw new StorageException(StorageException.Kind.TRUNCATED, "storage: commit at LSN "
                            + chunk.lastLsn() + " was truncated before it became durable (" + describeQuorum() + ")");
                }
                if (index <= vdlIndex) {
                    appendedAt.remove(chunk);
                    return;
                }
                checkOpen();
                long left = deadline - ticker.nanos();
                if (left <= 0) {
                    truncateAfter(vdlIndex);
                    appendedAt.remove(chunk);
                    throw quorumUnavailable("commit at LSN " + chunk.lastLsn() + " not durable", timeoutNanos);
                }
                awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- reader side

    /** The next durable transaction after {@code afterLsn}, or null if none is durable yet. */
    public VolumeTransaction nextTransaction(long afterLsn) {
        lock.lock();
        try {
            if (afterLsn < baseLsn) {
                throw new StorageException(StorageException.Kind.TRUNCATED, "storage: LSN " + afterLsn
                        + " is before the start of the kept log (" + baseLsn + "); restart from the checkpoint");
            }
            int index = afterLsn == baseLsn ? 0 : indexOf(afterLsn) + 1;
            if (index <= 0 && afterLsn != baseLsn) {
                return null;
            }
            List<RedoRecord> records = new ArrayList<>();
            for (int i = index; i <= vdlIndex; i++) {
                RedoChunk chunk = log.get(i).chunk;
                records.addAll(chunk.records());
                if (chunk.consistencyPoint()) {
                    return new VolumeTransaction(chunk.lastLsn(), records, chunk.commitNanos(), chunk.commitEpochMillis());
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code timeoutNanos} for VDL to pass {@code lsn}, or for {@link #wakeUp()}; true if
     * VDL has passed it. Callers loop, so an early return only costs a re-check.
     */
    public boolean awaitDurableBeyond(long lsn, long timeoutNanos) {
        lock.lock();
        try {
            if (vdl() <= lsn && !closed) {
                awaitNanos(timeoutNanos);
            }
            return vdl() > lsn;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every thread waiting on the volume (used when a reader's lag or state changes). */
    public void wakeUp() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- recovery and faults

    /**
     * Crash recovery for a new writer: with a read quorum, finds the end of the log that can be
     * rebuilt, truncates everything above its last consistency point, re-replicates the rest to every
     * segment that is up, and bumps the epoch so the previous writer is fenced.
     *
     * @return the new epoch
     */
    public long recoverForNewWriter() {
        lock.lock();
        try {
            checkOpen();
            int upCount = upCount();
            if (upCount < READ_QUORUM) {
                throw new StorageException(StorageException.Kind.READ_QUORUM_UNAVAILABLE,
                        "storage: recovery needs a read quorum of " + READ_QUORUM + " of " + SEGMENTS
                                + " segments, " + upCount + " up (" + describeQuorum() + ")");
            }
            int end = vdlIndex;
            int lastCpl = vdlIndex;
            for (int i = vdlIndex + 1; i < log.size() && heldByUpSegment(log.get(i)); i++) {
                end = i;
                if (log.get(i).chunk.consistencyPoint()) {
                    lastCpl = i;
                }
            }
            truncateAfter(lastCpl);
            int upMask = upMask();
            for (int i = 0; i <= lastCpl; i++) {
                log.get(i).holders |= upMask;
            }
            recomputeScl();
            vclIndex = Math.max(vclIndex, lastCpl);
            vdlIndex = lastCpl;
            epoch++;
            changed.signalAll();
            return epoch;
        } finally {
            lock.unlock();
        }
    }

    /** Rewinds the log to {@code lsn} (rounded down to a consistency point) and bumps the epoch. */
    public long backtrackTo(long lsn) {
        lock.lock();
        try {
            checkOpen();
            long oldest = checkpoint != null ? checkpoint.lsn() : baseLsn;
            if (lsn < oldest) {
                throw new IllegalArgumentException("backtrack: LSN " + lsn + " is outside the backtrack window"
                        + " (the oldest restorable point is LSN " + oldest + ")");
            }
            int keep = -1;
            for (int i = 0; i <= vdlIndex && log.get(i).chunk.lastLsn() <= lsn; i++) {
                if (log.get(i).chunk.consistencyPoint()) {
                    keep = i;
                }
            }
            truncateAfter(keep);
            timeline++;
            vclIndex = keep;
            vdlIndex = keep;
            recomputeScl();
            epoch++;
            changed.signalAll();
            return vdl();
        } finally {
            lock.unlock();
        }
    }

    /** The last consistency point committed at or before {@code epochMillis}, 0 if none. */
    public long lsnAtTime(long epochMillis) {
        lock.lock();
        try {
            long lsn = baseLsn;
            for (int i = 0; i <= vdlIndex && log.get(i).chunk.commitEpochMillis() <= epochMillis; i++) {
                if (log.get(i).chunk.consistencyPoint()) {
                    lsn = log.get(i).chunk.lastLsn();
                }
            }
            return lsn;
        } finally {
            lock.unlock();
        }
    }

    public void failSegment(int segment) {
        setUp(segment, false);
    }

    /** Brings a segment back and repairs it from its peers, which may complete waiting commits. */
    public void recoverSegment(int segment) {
        setUp(segment, true);
    }

    private void setUp(int segment, boolean value) {
        if (segment < 0 || segment >= SEGMENTS) {
            throw new IllegalArgumentException("segment: " + segment + " is out of range 0.." + (SEGMENTS - 1));
        }
        lock.lock();
        try {
            up[segment] = value;
            if (value) {
                int bit = 1 << segment;
                int peers = upMask() & ~bit; // repair copies only from segments that are reachable
                for (Slot slot : log) {
                    if ((slot.holders & peers) != 0) {
                        slot.holders |= bit;
                    }
                }
                recomputeScl();
                advanceDurable();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public void failAz(int az) {
        checkAz(az);
        failSegment(2 * (az - 1));
        failSegment(2 * (az - 1) + 1);
    }

    public void recoverAz(int az) {
        checkAz(az);
        recoverSegment(2 * (az - 1));
        recoverSegment(2 * (az - 1) + 1);
    }

    private static void checkAz(int az) {
        if (az < 1 || az > 3) {
            throw new IllegalArgumentException("az: " + az + " is out of range 1..3");
        }
    }

    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- checkpoints

    /** The latest materialised image, or null when the log still starts at LSN 1. */
    public Checkpoint checkpoint() {
        lock.lock();
        try {
            return checkpoint;
        } finally {
            lock.unlock();
        }
    }

    /** Keeps {@code image} (taken at a durable consistency point) as the base that instances start from. */
    public void installCheckpoint(Checkpoint image) {
        lock.lock();
        try {
            if (image.timeline() != timeline) {
                return; // taken before a backtrack: it describes a history that no longer exists
            }
            if (image.lsn() > vdl() || image.lsn() < baseLsn) {
                throw new IllegalArgumentException("checkpoint at LSN " + image.lsn() + " is outside the durable log ("
                        + baseLsn + ".." + vdl() + ")");
            }
            if (checkpoint == null || image.lsn() > checkpoint.lsn()) {
                checkpoint = image;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Discards whole transactions at or below {@code lsn} (never beyond the checkpoint, which must
     * cover them): storage garbage collection once every reader has applied them.
     *
     * @return the new start of the kept log
     */
    public long discardThrough(long lsn) {
        lock.lock();
        try {
            long limit = Math.min(lsn, checkpoint == null ? 0 : checkpoint.lsn());
            int drop = 0;
            while (drop < log.size() && drop <= vdlIndex && log.get(drop).chunk.lastLsn() <= limit) {
                drop++;
            }
            while (drop > 0 && !log.get(drop - 1).chunk.consistencyPoint()) {
                drop--; // keep transactions whole
            }
            if (drop > 0) {
                baseLsn = log.get(drop - 1).chunk.lastLsn();
                log.subList(0, drop).clear();
                vclIndex -= drop;
                vdlIndex -= drop;
                for (int s = 0; s < SEGMENTS; s++) {
                    sclIndex[s] = Math.max(-1, sclIndex[s] - drop);
                }
            }
            return baseLsn;
        } finally {
            lock.unlock();
        }
    }

    /** The kept log starts after this LSN (0: nothing discarded). */
    public long logStartLsn() {
        lock.lock();
        try {
            return baseLsn;
        } finally {
            lock.unlock();
        }
    }

    public long timeline() {
        lock.lock();
        try {
            return timeline;
        } finally {
            lock.unlock();
        }
    }

    /** Number of chunks the volume holds (for tests and statistics). */
    public int chunkCount() {
        lock.lock();
        try {
            return log.size();
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- status

    public long epoch() {
        lock.lock();
        try {
            return epoch;
        } finally {
            lock.unlock();
        }
    }

    public long durableLsn() {
        lock.lock();
        try {
            return vdl();
        } finally {
            lock.unlock();
        }
    }

    public VolumeStatus status() {
        lock.lock();
        try {
            List<SegmentStatus> segments = new ArrayList<>(SEGMENTS);
            for (int s = 0; s < SEGMENTS; s++) {
                segments.add(new SegmentStatus(segmentName(s), s / 2 + 1, up[s], lsnAt(sclIndex[s])));
            }
            return new VolumeStatus(epoch, lsnAt(vclIndex), vdl(), lastLsn(), segments);
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- internals (lock held)

    private void deliver(RedoChunk chunk) {
        log.add(new Slot(chunk, upMask()));
        int index = log.size() - 1;
        for (int s = 0; s < SEGMENTS; s++) {
            if (up[s] && sclIndex[s] == index - 1) {
                sclIndex[s] = index;
            }
        }
        advanceDurable();
    }

    private void advanceDurable() {
        while (vclIndex + 1 < log.size() && Integer.bitCount(log.get(vclIndex + 1).holders) >= WRITE_QUORUM) {
            vclIndex++;
            if (log.get(vclIndex).chunk.consistencyPoint()) {
                vdlIndex = vclIndex;
            }
        }
    }

    private void recomputeScl() {
        for (int s = 0; s < SEGMENTS; s++) {
            int bit = 1 << s;
            int i = -1;
            while (i + 1 < log.size() && (log.get(i + 1).holders & bit) != 0) {
                i++;
            }
            sclIndex[s] = i;
        }
    }

    private void truncateAfter(int index) {
        if (log.size() > index + 1) {
            truncations++;
        }
        while (log.size() > index + 1) {
            log.remove(log.size() - 1);
        }
        vclIndex = Math.min(vclIndex, index);
        vdlIndex = Math.min(vdlIndex, index);
        for (int s = 0; s < SEGMENTS; s++) {
            sclIndex[s] = Math.min(sclIndex[s], index);
        }
        changed.signalAll();
    }

    private boolean heldByUpSegment(Slot slot) {
        return (slot.holders & upMask()) != 0;
    }

    private int upMask() {
        int mask = 0;
        for (int s = 0; s < SEGMENTS; s++) {
            if (up[s]) {
                mask |= 1 << s;
            }
        }
        return mask;
    }

    private int upCount() {
        return Integer.bitCount(upMask());
    }

    /** Index of the slot holding {@code lsn}, or -1. Chunks are contiguous, so binary search on firstLsn. */
    private int indexOf(long lsn) {
        int lo = 0;
        int hi = log.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            RedoChunk chunk = log.get(mid).chunk;
            if (lsn < chunk.firstLsn()) {
                hi = mid - 1;
            } else if (lsn > chunk.lastLsn()) {
                lo = mid + 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private long lsnAt(int index) {
        return index < 0 ? baseLsn : log.get(index).chunk.lastLsn();
    }

    private long vdl() {
        return lsnAt(vdlIndex);
    }

    private long lastLsn() {
        return lsnAt(log.size() - 1);
    }

    private void checkEpoch(long writerEpoch) {
        if (writerEpoch != epoch) {
            throw new StorageException(StorageException.Kind.STALE_EPOCH, "storage: write with epoch " + writerEpoch
                    + " refused, the volume is at epoch " + epoch + " (this writer has been replaced)");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageException(StorageException.Kind.CLOSED, "storage: the volume is closed");
        }
    }

    private StorageException quorumUnavailable(String what, long timeoutNanos) {
        return new StorageException(StorageException.Kind.WRITE_QUORUM_UNAVAILABLE, "storage: " + what + " within "
                + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms (" + describeQuorum() + ")");
    }

    private String describeQuorum() {
        StringBuilder down = new StringBuilder();
        for (int s = 0; s < SEGMENTS; s++) {
            if (!up[s]) {
                down.append(down.length() == 0 ? "" : ", ").append(segmentName(s));
            }
        }
        return "write quorum needs " + WRITE_QUORUM + " of " + SEGMENTS + " segments, " + upCount() + " up"
                + (down.length() == 0 ? "" : "; down: " + down);
    }

    private void awaitNanos(long nanos) {
        try {
            changed.awaitNanos(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(StorageException.Kind.CLOSED, "storage: interrupted while waiting");
        }
    }
}

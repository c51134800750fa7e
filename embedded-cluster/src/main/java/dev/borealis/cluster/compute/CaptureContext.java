package dev.borealis.cluster.compute;

import dev.borealis.cluster.storage.RedoRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * The redo buffer of one session's open transaction. The session installs it in {@link #CURRENT}
 * around each statement, and the row trigger appends to it: H2 runs triggers on the calling thread.
 * Threads without a context (replica apply, recovery) are not captured.
 */
final class CaptureContext {

    static final ThreadLocal<CaptureContext> CURRENT = new ThreadLocal<>();

    private final List<RedoRecord> records = new ArrayList<>();
    /** Non-null while writes must be refused: the reason is reported instead of H2's wrapper error. */
    private String refuseWritesReason;
    private boolean refusedAWrite;

    void add(RedoRecord record) {
        records.add(record);
    }

    List<RedoRecord> records() {
        return records;
    }

    int size() {
        return records.size();
    }

    void truncate(int size) {
        records.subList(size, records.size()).clear();
    }

    void clear() {
        records.clear();
    }

    void refuseWrites(String reason) {
        this.refuseWritesReason = reason;
    }

    String refuseWritesReason() {
        return refuseWritesReason;
    }

    void markRefused() {
        refusedAWrite = true;
    }

    /** True once per refused write: reading it resets it. */
    boolean takeRefused() {
        boolean refused = refusedAWrite;
        refusedAWrite = false;
        return refused;
    }
}

package dev.borealis.cluster.storage;

import java.util.List;

/**
 * The unit a writer ships to the six segments: consecutive records with LSNs {@code firstLsn ..
 * lastLsn()}. A transaction larger than one chunk spans several; only its last chunk ends at a
 * consistency point ({@code consistencyPoint}), so the volume can be complete (VCL) in the middle of
 * a transaction while durable (VDL) stays at the previous transaction's end.
 */
public record RedoChunk(long firstLsn, List<RedoRecord> records, boolean consistencyPoint,
                        long epoch, long commitNanos, long commitEpochMillis) {

    public RedoChunk {
        records = List.copyOf(records);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("a redo chunk holds at least one record");
        }
    }

    public long lastLsn() {
        return firstLsn + records.size() - 1;
    }
}

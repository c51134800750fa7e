package dev.borealis.cluster.storage;

import java.util.List;

/**
 * A committed transaction as readers see it: every record up to one consistency point.
 *
 * @param commitLsn the consistency point (LSN of the last record)
 * @param commitNanos the writer's ticker when it committed (replica lag is measured from it)
 * @param commitEpochMillis wall-clock commit time (backtrack by time, timestamps in views)
 */
public record VolumeTransaction(long commitLsn, List<RedoRecord> records, long commitNanos, long commitEpochMillis) {
    public VolumeTransaction {
        records = List.copyOf(records);
    }
}

package dev.borealis.cluster.storage;

import java.util.List;

/**
 * A snapshot of the volume's bookkeeping.
 *
 * @param epoch the current writer epoch; requests with an older one are refused
 * @param vcl volume complete LSN: every record at or below is held by a write quorum
 * @param vdl volume durable LSN: the highest consistency point at or below VCL
 * @param lastLsn the highest LSN handed out (may be above VCL while records are in flight)
 */
public record VolumeStatus(long epoch, long vcl, long vdl, long lastLsn, List<SegmentStatus> segments) {
    public VolumeStatus {
        segments = List.copyOf(segments);
    }

    public long segmentsUp() {
        return segments.stream().filter(SegmentStatus::up).count();
    }
}

package dev.borealis.cluster.storage;

/**
 * One of the six copies of the volume.
 *
 * @param name e.g. {@code az2-b}
 * @param az availability zone, 1..3
 * @param up whether it takes writes and serves reads
 * @param scl segment complete LSN: the highest LSN it holds with no gap below
 */
public record SegmentStatus(String name, int az, boolean up, long scl) {
}

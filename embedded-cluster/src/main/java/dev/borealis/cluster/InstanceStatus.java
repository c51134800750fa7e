package dev.borealis.cluster;

import java.time.Instant;

/**
 * One row of the topology, the data Aurora's {@code replica_host_status} / {@code aurora_replica_status()} show.
 *
 * @param lagMillis replica lag now (0 on the writer)
 * @param configuredLagMillis the lag this reader was told to keep
 * @param lastUpdate when this row was last refreshed (readers: last apply or now when caught up)
 * @param appliedLsn highest LSN visible on this instance
 * @param cpu a CPU utilisation figure in percent (simulated from the apply/commit activity)
 */
public record InstanceStatus(String id, Role role, InstanceState state, int tier, String availabilityZone,
                             double lagMillis, long configuredLagMillis, Instant lastUpdate, long appliedLsn,
                             double cpu) {
}

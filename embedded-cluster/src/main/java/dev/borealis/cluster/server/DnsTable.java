package dev.borealis.cluster.server;

import dev.borealis.cluster.CustomEndpoint;
import dev.borealis.cluster.InstanceState;
import dev.borealis.cluster.InstanceStatus;
import dev.borealis.cluster.Role;
import dev.borealis.cluster.Topology;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the cluster and reader endpoints resolve to. The cluster endpoint follows a new writer only
 * once it has been the writer for the whole DNS delay (stale DNS after a failover, as on Aurora);
 * the reader endpoint moves round-robin over the available readers, or names the writer when there
 * are none. Custom endpoints: {@link CustomEndpointDns}.
 */
final class DnsTable {

    private final long delayNanos;
    private String writer;
    private String pendingWriter;
    private long pendingSince;
    private String reader;
    private int rotation;
    private final CustomEndpointDns custom;

    DnsTable(long delayNanos) {
        this.delayNanos = delayNanos;
        this.custom = new CustomEndpointDns(delayNanos);
    }

    /**
     * Applies the topology seen at {@code now}.
     *
     * @param rotate whether the reader endpoint moves on to the next reader
     * @return nanoseconds until a pending writer switch is due (call again then), or -1 when none is pending
     */
    synchronized long update(Topology topology, List<CustomEndpoint> customEndpoints, long now, boolean rotate) {
        long due = updateWriter(topology, now);
        updateReader(topology, rotate);
        long customDue = custom.update(customEndpoints, topology, now, rotate);
        return due < 0 ? customDue : customDue < 0 ? due : Math.min(due, customDue);
    }

    private long updateWriter(Topology topology, long now) {
        String current = topology.writerId();
        if (writer == null || topology.instance(writer).isEmpty()) {
            writer = current;
        }
        if (current.equals(writer)) {
            pendingWriter = null;
            return -1;
        }
        if (!current.equals(pendingWriter)) {
            pendingWriter = current;
            pendingSince = now;
        }
        long waited = now - pendingSince;
        if (waited >= delayNanos) {
            writer = current;
            pendingWriter = null;
            return -1;
        }
        return delayNanos - waited;
    }

    private void updateReader(Topology topology, boolean rotate) {
        List<String> candidates = topology.instances().stream()
                .filter(i -> i.role() == Role.READER && i.state() == InstanceState.AVAILABLE)
                .map(InstanceStatus::id)
                .sorted(Comparator.naturalOrder())
                .toList();
        if (candidates.isEmpty()) {
            candidates = List.of(topology.writerId());
        }
        if (rotate) {
            rotation++;
        }
        if (rotate || reader == null || !candidates.contains(reader)) {
            reader = candidates.get(Math.floorMod(rotation, candidates.size()));
        }
    }

    synchronized String writerTarget() {
        return writer;
    }

    synchronized String readerTarget() {
        return reader;
    }

    synchronized Optional<String> customTarget(String name) {
        return custom.target(name);
    }

    synchronized List<String> customPublished(String name) {
        return custom.published(name);
    }
}

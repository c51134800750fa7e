package dev.borealis.cluster;

import java.util.List;
import java.util.Optional;

/**
 * The cluster as clients see it: which instance writes, which read, and how far behind each is.
 *
 * @param writerId the writer's id; the writer may be {@link InstanceState#CRASHED} while a failover is pending
 * @param epoch the storage volume's epoch (bumped by every promotion)
 * @param durableLsn the volume's VDL
 */
public record Topology(String clusterName, Engine engine, String writerId, long epoch, long durableLsn,
                       List<InstanceStatus> instances) {

    public Topology {
        instances = List.copyOf(instances);
    }

    public Optional<InstanceStatus> instance(String id) {
        return instances.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    public List<InstanceStatus> readers() {
        return instances.stream().filter(i -> i.role() == Role.READER).toList();
    }
}

package dev.borealis.cluster;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An Aurora custom endpoint: a named set of instances, either a static list or "all except" a list (new instances
 * then join on their own). Immutable; {@link Cluster#modifyCustomEndpoint} replaces it.
 *
 * @param name      the endpoint identifier ({@code DBClusterEndpointIdentifier}); its DNS name is
 *                  {@code NAME.cluster-custom-DNSID.DOMAIN}
 * @param type      which roles it routes to
 * @param allExcept true: every instance except {@code listed}; false: exactly {@code listed}
 * @param listed    the static members, or the excluded ones
 */
public record CustomEndpoint(String name, CustomEndpointType type, boolean allExcept, Set<String> listed) {

    /** Aurora's limit per cluster. */
    public static final int MAX_PER_CLUSTER = 5;

    public CustomEndpoint {
        if (type == null) {
            throw new IllegalArgumentException("custom endpoint " + name + ": type is required (READER or ANY)");
        }
        if (listed != null && listed.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("custom endpoint " + name + ": a member list entry is null");
        }
        listed = listed == null ? Set.of() : java.util.Collections.unmodifiableSet(new TreeSet<>(listed));
    }

    /** An endpoint over exactly {@code members}. */
    public static CustomEndpoint ofMembers(String name, CustomEndpointType type, String... members) {
        return new CustomEndpoint(name, type, false, Set.of(members));
    }

    /** An endpoint over every instance except {@code excluded}, including instances added later. */
    public static CustomEndpoint allExcept(String name, CustomEndpointType type, String... excluded) {
        return new CustomEndpoint(name, type, true, Set.of(excluded));
    }

    /** Aurora's {@code StaticMembers}: empty for an "all except" endpoint. */
    public List<String> staticMembers() {
        return allExcept ? List.of() : List.copyOf(listed);
    }

    /** Aurora's {@code ExcludedMembers}: empty for a static endpoint. */
    public List<String> excludedMembers() {
        return allExcept ? List.copyOf(listed) : List.of();
    }

    /** Whether {@code instanceId} belongs to the set (whatever its role or state). */
    public boolean includes(String instanceId) {
        return allExcept != listed.contains(instanceId);
    }

    /**
     * The instances the endpoint's DNS name may point at now: members that are available and, for
     * {@link CustomEndpointType#READER}, readers; sorted by id.
     */
    public List<String> routable(Topology topology) {
        return topology.instances().stream()
                .filter(i -> includes(i.id()) && i.state() == InstanceState.AVAILABLE)
                .filter(i -> type == CustomEndpointType.ANY || i.role() == Role.READER)
                .map(InstanceStatus::id)
                .sorted(Comparator.naturalOrder())
                .toList();
    }

    /** This endpoint without {@code instanceId} in its list (the instance was removed from the cluster). */
    CustomEndpoint without(String instanceId) {
        Set<String> kept = new TreeSet<>(listed);
        kept.remove(instanceId);
        return new CustomEndpoint(name, type, allExcept, kept);
    }
}

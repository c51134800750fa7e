package dev.borealis.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A cluster's custom endpoints, with Aurora's rules: identifiers unique per cluster and shaped like instance ids,
 * at most {@value CustomEndpoint#MAX_PER_CLUSTER}, every listed instance existing. Changed under the cluster's
 * operation lock; {@link #all()} is readable without it (the network layer reads it from cluster events).
 */
final class CustomEndpoints {

    private final String clusterName;
    private final Map<String, CustomEndpoint> byName = new LinkedHashMap<>();
    private volatile List<CustomEndpoint> snapshot = List.of();

    CustomEndpoints(String clusterName) {
        this.clusterName = clusterName;
    }

    List<CustomEndpoint> all() {
        return snapshot;
    }

    Optional<CustomEndpoint> find(String name) {
        return snapshot.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    void create(CustomEndpoint endpoint, Set<String> instanceIds) {
        check(endpoint, instanceIds);
        if (byName.containsKey(endpoint.name())) {
            throw new IllegalArgumentException(what(endpoint.name()) + " already exists (custom endpoints: "
                    + String.join(", ", byName.keySet()) + ")");
        }
        if (byName.size() >= CustomEndpoint.MAX_PER_CLUSTER) {
            throw new IllegalStateException("cluster " + clusterName + ": cannot create custom endpoint '"
                    + endpoint.name() + "': already " + byName.size() + " (the maximum is "
                    + CustomEndpoint.MAX_PER_CLUSTER + ")");
        }
        put(endpoint);
    }

    void modify(CustomEndpoint endpoint, Set<String> instanceIds) {
        require(endpoint.name());
        check(endpoint, instanceIds);
        put(endpoint);
    }

    CustomEndpoint delete(String name) {
        CustomEndpoint gone = require(name);
        byName.remove(name);
        publish();
        return gone;
    }

    /** Aurora drops a deleted instance from every static and excluded list. */
    void instanceRemoved(String instanceId) {
        for (CustomEndpoint endpoint : List.copyOf(byName.values())) {
            byName.put(endpoint.name(), endpoint.without(instanceId));
        }
        publish();
    }

    CustomEndpoint require(String name) {
        CustomEndpoint endpoint = name == null ? null : byName.get(name);
        if (endpoint == null) {
            throw new IllegalArgumentException(what(name) + " does not exist (custom endpoints: "
                    + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet())) + ")");
        }
        return endpoint;
    }

    private void check(CustomEndpoint endpoint, Set<String> instanceIds) {
        ClusterSettings.checkId("custom endpoint identifier", endpoint.name());
        if (endpoint.name().contains("--") || endpoint.name().endsWith("-")) {
            throw new IllegalArgumentException("custom endpoint identifier: '" + endpoint.name()
                    + "' is invalid (Aurora identifiers cannot end with a hyphen or contain two consecutive hyphens)");
        }
        List<String> unknown = unknown(endpoint.listed(), instanceIds);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(what(endpoint.name()) + ": no instance " + String.join(", ", unknown)
                    + " in the cluster (instances: " + String.join(", ", instanceIds) + ")");
        }
    }

    private static List<String> unknown(Collection<String> listed, Set<String> instanceIds) {
        List<String> unknown = new ArrayList<>();
        for (String id : listed) {
            if (!instanceIds.contains(id)) {
                unknown.add("'" + id + "'");
            }
        }
        return unknown;
    }

    private void put(CustomEndpoint endpoint) {
        byName.put(endpoint.name(), endpoint);
        publish();
    }

    private void publish() {
        snapshot = List.copyOf(byName.values());
    }

    private String what(String name) {
        return "cluster " + clusterName + ": custom endpoint '" + name + "'";
    }
}

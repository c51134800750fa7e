package dev.borealis.cluster.server;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of every endpoint of a served cluster.
 *
 * @param cluster the writer endpoint, as DNS resolves it now (stale for the DNS delay after a failover)
 * @param reader the reader endpoint, as DNS resolves it now
 * @param instances instance endpoints by instance id, in topology order
 * @param custom custom endpoints that resolve now, by endpoint name, in creation order
 */
public record ClusterEndpoints(Endpoint cluster, Endpoint reader, Map<String, Endpoint> instances,
                               Map<String, Endpoint> custom) {
    public ClusterEndpoints {
        instances = Collections.unmodifiableMap(new LinkedHashMap<>(instances));
        custom = Collections.unmodifiableMap(new LinkedHashMap<>(custom));
    }

    public ClusterEndpoints(Endpoint cluster, Endpoint reader, Map<String, Endpoint> instances) {
        this(cluster, reader, instances, Map.of());
    }
}

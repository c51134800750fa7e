package dev.borealis.cluster.server;

import java.util.Map;

/**
 * A snapshot of every endpoint of a served cluster.
 *
 * @param cluster the writer endpoint, as DNS resolves it now (stale for the DNS delay after a failover)
 * @param reader the reader endpoint, as DNS resolves it now
 * @param instances instance endpoints by instance id, in topology order
 */
public record ClusterEndpoints(Endpoint cluster, Endpoint reader, Map<String, Endpoint> instances) {
    public ClusterEndpoints {
        instances = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(instances));
    }
}

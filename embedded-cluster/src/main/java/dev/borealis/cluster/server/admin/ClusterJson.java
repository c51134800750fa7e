package dev.borealis.cluster.server.admin;

import dev.borealis.cluster.CustomEndpoint;
import dev.borealis.cluster.InstanceStatus;
import dev.borealis.cluster.Topology;
import dev.borealis.cluster.server.ClusterEndpoints;
import dev.borealis.cluster.server.ClusterServer;
import dev.borealis.cluster.server.Endpoint;
import dev.borealis.cluster.server.NetworkFault;
import dev.borealis.cluster.storage.SegmentStatus;
import dev.borealis.cluster.storage.VolumeStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON shapes of a served cluster, shared by the admin API and the CLI. */
public final class ClusterJson {

    private ClusterJson() {
    }

    public static Map<String, Object> endpoint(Endpoint endpoint) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("host", endpoint.host());
        map.put("ip", endpoint.ip());
        map.put("port", endpoint.port());
        return map;
    }

    /** Topology, endpoints, network modes and storage: the body of {@code GET /cluster}. */
    public static Map<String, Object> cluster(ClusterServer server) {
        Topology topology = server.cluster().topology();
        ClusterEndpoints endpoints = server.endpoints();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", topology.clusterName());
        map.put("engine", topology.engine().name().toLowerCase(Locale.ROOT));
        map.put("writer", topology.writerId());
        map.put("epoch", topology.epoch());
        map.put("durableLsn", topology.durableLsn());
        Map<String, Object> named = new LinkedHashMap<>();
        named.put("cluster", endpoint(endpoints.cluster()));
        named.put("reader", endpoint(endpoints.reader()));
        Map<String, Object> custom = new LinkedHashMap<>();
        endpoints.custom().forEach((name, e) -> custom.put(name, endpoint(e)));
        named.put("custom", custom);
        map.put("endpoints", named);
        List<Object> instances = new ArrayList<>();
        for (InstanceStatus status : topology.instances()) {
            instances.add(instance(server, status, endpoints.instances().get(status.id())));
        }
        map.put("instances", instances);
        map.put("storage", storage(server.cluster().storage()));
        map.put("hostsFile", server.hostsFile().toString());
        return map;
    }

    /**
     * The body of RDS's DescribeDBClusterEndpoints: the writer and reader endpoints, then the custom ones (only
     * {@code onlyCustom} when given).
     */
    public static Map<String, Object> describeEndpoints(ClusterServer server, String onlyCustom) {
        List<Object> endpoints = new ArrayList<>();
        if (onlyCustom == null) {
            endpoints.add(builtIn(server, "WRITER", server.names().clusterHost()));
            endpoints.add(builtIn(server, "READER", server.names().readerHost()));
        }
        for (CustomEndpoint custom : server.cluster().customEndpoints()) {
            if (onlyCustom == null || onlyCustom.equals(custom.name())) {
                endpoints.add(customEndpoint(server, custom));
            }
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("DBClusterEndpoints", endpoints);
        return map;
    }

    private static Map<String, Object> builtIn(ClusterServer server, String type, String host) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("DBClusterIdentifier", server.cluster().name());
        map.put("Endpoint", host);
        map.put("Status", "available");
        map.put("EndpointType", type);
        return map;
    }

    /** One custom endpoint in DescribeDBClusterEndpoints' shape. */
    public static Map<String, Object> customEndpoint(ClusterServer server, CustomEndpoint custom) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("DBClusterEndpointIdentifier", custom.name());
        map.put("DBClusterIdentifier", server.cluster().name());
        map.put("DBClusterEndpointResourceIdentifier", "cluster-endpoint-" + server.names().dnsId() + "-" + custom.name());
        map.put("Endpoint", server.names().customHost(custom.name()));
        map.put("Status", "available");
        map.put("EndpointType", "CUSTOM");
        map.put("CustomEndpointType", custom.type().name());
        map.put("StaticMembers", custom.staticMembers());
        map.put("ExcludedMembers", custom.excludedMembers());
        map.put("DBClusterEndpointArn", "arn:aws:rds:local:000000000000:cluster-endpoint:" + custom.name());
        return map;
    }

    static Map<String, Object> instance(ClusterServer server, InstanceStatus status, Endpoint endpoint) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", status.id());
        map.put("role", status.role().name().toLowerCase(Locale.ROOT));
        map.put("state", status.state().name().toLowerCase(Locale.ROOT));
        map.put("tier", status.tier());
        map.put("az", status.availabilityZone());
        map.put("lagMs", status.lagMillis());
        map.put("configuredLagMs", status.configuredLagMillis());
        map.put("appliedLsn", status.appliedLsn());
        map.put("lastUpdate", status.lastUpdate() == null ? null : status.lastUpdate().toString());
        map.put("cpu", status.cpu());
        if (endpoint != null) {
            map.putAll(endpoint(endpoint));
            map.put("network", network(server, status.id()));
        }
        return map;
    }

    static Map<String, Object> network(ClusterServer server, String instanceId) {
        NetworkFault fault = server.networkFault(instanceId);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("mode", fault.mode());
        if (fault instanceof NetworkFault.Latency latency) {
            map.put("ms", latency.delay().toMillis());
        }
        return map;
    }

    static Map<String, Object> storage(VolumeStatus volume) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("epoch", volume.epoch());
        map.put("vcl", volume.vcl());
        map.put("vdl", volume.vdl());
        map.put("lastLsn", volume.lastLsn());
        map.put("segmentsUp", volume.segmentsUp());
        List<Object> segments = new ArrayList<>();
        for (SegmentStatus segment : volume.segments()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", segment.name());
            s.put("az", segment.az());
            s.put("up", segment.up());
            s.put("scl", segment.scl());
            segments.add(s);
        }
        map.put("segments", segments);
        return map;
    }
}

package dev.borealis.cluster.server.admin;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.CustomEndpoint;
import dev.borealis.cluster.CustomEndpointType;
import dev.borealis.cluster.server.ClusterServer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The custom endpoint routes, shaped like RDS's DescribeDBClusterEndpoints / CreateDBClusterEndpoint /
 * ModifyDBClusterEndpoint / DeleteDBClusterEndpoint: the request and response members carry Aurora's names, so a
 * client written for RDS reads the same JSON.
 */
final class EndpointRoutes {

    private final ClusterServer server;
    private final Cluster cluster;

    private EndpointRoutes(ClusterServer server) {
        this.server = server;
        this.cluster = server.cluster();
    }

    static Router addTo(Router router, ClusterServer server) {
        EndpointRoutes routes = new EndpointRoutes(server);
        return router
                .add("GET", "/endpoints", r -> ClusterJson.describeEndpoints(server, null))
                .add("GET", "/endpoints/{name}", routes::describe)
                .add("POST", "/endpoints", 201, routes::create)
                .add("POST", "/endpoints/{name}", routes::modify)
                .add("DELETE", "/endpoints/{name}", routes::delete);
    }

    private Object describe(AdminRequest request) {
        return ClusterJson.describeEndpoints(server, require(request.param("name")).name());
    }

    private Object create(AdminRequest request) {
        String name = request.string("DBClusterEndpointIdentifier");
        if (name == null) {
            throw new AdminException(400, "DBClusterEndpointIdentifier: required (the custom endpoint's name)");
        }
        String type = request.string("EndpointType");
        if (type == null) {
            throw new AdminException(400, "EndpointType: required (READER or ANY)");
        }
        CustomEndpoint created = cluster.createCustomEndpoint(endpoint(request, name,
                CustomEndpointType.parse("EndpointType", type), null));
        return ClusterJson.customEndpoint(server, created);
    }

    private Object modify(AdminRequest request) {
        CustomEndpoint current = require(request.param("name"));
        String type = request.string("EndpointType");
        CustomEndpoint modified = cluster.modifyCustomEndpoint(endpoint(request, current.name(),
                type == null ? current.type() : CustomEndpointType.parse("EndpointType", type), current));
        return ClusterJson.customEndpoint(server, modified);
    }

    private Object delete(AdminRequest request) {
        CustomEndpoint gone = cluster.deleteCustomEndpoint(require(request.param("name")).name());
        Map<String, Object> body = ClusterJson.customEndpoint(server, gone);
        body.put("Status", "deleting");
        return body;
    }

    /** Aurora takes either list, not both; with neither, a modify keeps the current list and a create means all. */
    private static CustomEndpoint endpoint(AdminRequest request, String name, CustomEndpointType type,
                                           CustomEndpoint current) {
        List<String> included = strings(request, "StaticMembers");
        List<String> excluded = strings(request, "ExcludedMembers");
        if (included != null && excluded != null && !included.isEmpty() && !excluded.isEmpty()) {
            throw new AdminException(400, "custom endpoint '" + name + "': give StaticMembers or ExcludedMembers,"
                    + " not both (got " + included.size() + " static and " + excluded.size() + " excluded)");
        }
        if (included != null && !included.isEmpty()) {
            return new CustomEndpoint(name, type, false, set(included));
        }
        if (excluded != null) {
            return new CustomEndpoint(name, type, true, set(excluded));
        }
        if (current != null && included == null) {
            return new CustomEndpoint(name, type, current.allExcept(), current.listed());
        }
        return new CustomEndpoint(name, type, true, Set.of());
    }

    private static List<String> strings(AdminRequest request, String member) {
        Object value = request.body().get(member);
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new AdminException(400, member + ": must be an array of instance identifiers, got " + Json.write(value));
        }
        List<String> out = new ArrayList<>();
        list.forEach(v -> out.add((String) v));
        return out;
    }

    private static Set<String> set(List<String> ids) {
        return new LinkedHashSet<>(ids);
    }

    private CustomEndpoint require(String name) {
        return cluster.customEndpoint(name).orElseThrow(() -> new AdminException(404, "cluster " + cluster.name()
                + ": no custom endpoint '" + name + "' (DBClusterEndpointNotFoundFault; custom endpoints: "
                + names() + ")"));
    }

    private String names() {
        List<String> names = cluster.customEndpoints().stream().map(CustomEndpoint::name).toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}

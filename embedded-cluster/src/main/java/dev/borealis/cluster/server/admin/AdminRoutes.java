package dev.borealis.cluster.server.admin;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.ClusterSettings;
import dev.borealis.cluster.Instance;
import dev.borealis.cluster.server.ClusterServer;
import dev.borealis.cluster.server.NetworkFault;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The admin API's routes and what each does to the cluster. */
final class AdminRoutes {

    static final long MAX_LAG_MS = 3_600_000;
    private static final int AZS = 3;

    private final ClusterServer server;
    private final Cluster cluster;

    private AdminRoutes(ClusterServer server) {
        this.server = server;
        this.cluster = server.cluster();
    }

    static Router router(ClusterServer server) {
        AdminRoutes routes = new AdminRoutes(server);
        return EndpointRoutes.addTo(new Router(), server)
                .add("GET", "/cluster", r -> ClusterJson.cluster(server))
                .add("POST", "/failover", routes::failover)
                .add("POST", "/instances", 201, routes::addReader)
                .add("DELETE", "/instances/{id}", routes::removeReader)
                .add("POST", "/instances/{id}/crash", routes::crash)
                .add("POST", "/instances/{id}/restart", routes::restart)
                .add("POST", "/instances/{id}/lag", routes::lag)
                .add("POST", "/instances/{id}/network", routes::network)
                .add("POST", "/storage/azs/{az}/fail", r -> routes.az(r, true))
                .add("POST", "/storage/azs/{az}/recover", r -> routes.az(r, false))
                .add("POST", "/users/{user}/password", routes::password)
                .add("POST", "/users/{user}/iam", routes::iam);
    }

    private Object failover(AdminRequest request) {
        String previous = cluster.topology().writerId();
        String target = request.string("target");
        String writer;
        if (target == null) {
            writer = cluster.failover();
        } else {
            requireInstance(target);
            cluster.failover(target);
            writer = target;
        }
        return Map.of("writer", writer, "previousWriter", previous);
    }

    private Object addReader(AdminRequest request) {
        String id = request.string("id");
        Long tier = request.integer("tier", 0, ClusterSettings.MAX_TIER);
        Instance added = cluster.addReader(id != null ? id : nextReaderId(), tier == null ? 1 : tier.intValue());
        return instanceBody(added.id());
    }

    private String nextReaderId() {
        for (int n = 2; ; n++) {
            String id = cluster.name() + "-instance-" + n;
            if (cluster.topology().instance(id).isEmpty()) {
                return id;
            }
        }
    }

    private Object removeReader(AdminRequest request) {
        String id = requireInstance(request.param("id"));
        cluster.removeReader(id);
        return Map.of("removed", id);
    }

    private Object crash(AdminRequest request) {
        String id = requireInstance(request.param("id"));
        cluster.crash(id);
        return instanceBody(id);
    }

    private Object restart(AdminRequest request) {
        String id = requireInstance(request.param("id"));
        cluster.restart(id);
        return instanceBody(id);
    }

    private Object lag(AdminRequest request) {
        String id = requireInstance(request.param("id"));
        long ms = request.requiredInteger("ms", 0, MAX_LAG_MS);
        cluster.setReplicaLag(id, Duration.ofMillis(ms));
        return instanceBody(id);
    }

    private Object network(AdminRequest request) {
        String id = requireInstance(request.param("id"));
        NetworkFault fault = NetworkFault.parse(request.string("mode"),
                request.integer("ms", 1, NetworkFault.Latency.MAX.toMillis()));
        server.inject(id, fault);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("instance", id);
        body.put("applied", fault.mode());
        body.put("network", ClusterJson.network(server, id));
        return body;
    }

    private Object az(AdminRequest request, boolean fail) {
        String raw = request.param("az");
        int az = parseAz(raw);
        if (fail) {
            cluster.failAz(az);
        } else {
            cluster.recoverAz(az);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("az", az);
        body.put("storage", ClusterJson.storage(cluster.storage()));
        return body;
    }

    private static int parseAz(String raw) {
        String digits = raw.startsWith("az") ? raw.substring(2) : raw;
        try {
            int az = Integer.parseInt(digits);
            if (az >= 1 && az <= AZS) {
                return az;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new AdminException(404, "no availability zone '" + raw + "' (expected 1.." + AZS + " or az1..az" + AZS + ")");
    }

    /** Sets a password; the response and the log never contain it. */
    private Object password(AdminRequest request) {
        String user = request.param("user");
        String password = request.string("password");
        if (password == null || password.isEmpty()) {
            throw new AdminException(400, "password: required (a non-empty string)");
        }
        boolean existed = cluster.users().password(user).isPresent();
        cluster.users().setPassword(user, password);
        return Map.of("user", user, "created", !existed);
    }

    /** Makes a user an IAM user (token login over TLS); 409 when the cluster is not in IAM mode. */
    private Object iam(AdminRequest request) {
        String user = request.param("user");
        if (cluster.users().iam().isEmpty()) {
            throw new AdminException(409, "cluster " + cluster.name() + ": IAM authentication is off (start the"
                    + " cluster with IAM credentials to enable IAM users)");
        }
        cluster.users().enableIam(user);
        return Map.of("user", user, "iam", true);
    }

    private String requireInstance(String id) {
        if (id == null || cluster.topology().instance(id).isEmpty()) {
            throw new AdminException(404, "cluster " + cluster.name() + ": no instance '" + id + "'");
        }
        return id;
    }

    private Object instanceBody(String id) {
        return cluster.topology().instance(id)
                .<Object>map(status -> ClusterJson.instance(server, status, server.endpoints().instances().get(id)))
                .orElse(Map.of("id", id));
    }
}

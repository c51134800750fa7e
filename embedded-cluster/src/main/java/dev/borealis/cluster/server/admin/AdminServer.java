package dev.borealis.cluster.server.admin;

import dev.borealis.cluster.server.ClusterServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The admin HTTP API of a served cluster, on 127.0.0.1 only: JSON in, JSON out, errors as
 * {@code {"error": "..."}} with a 4xx status naming the problem. Every request needs
 * {@code Authorization: Bearer TOKEN}; the token is generated at start (or given), written to an
 * owner-only file and deleted from it on {@link #close()}. {@link RequestGuard} lists the other checks,
 * {@link AdminListener} the limits (request deadline, no thread per connection, bounded connections,
 * workers and queue).
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AdminServer.class.getName());
    private static final int BACKLOG = 50;

    private final AdminListener listener;
    private final Router router;
    private final RequestGuard guard;
    private final AdminToken token;
    private final Path tokenFile;
    private final String clusterName;

    private AdminServer(ClusterServer server, AdminOptions options, AdminToken token, Path tokenFile)
            throws IOException {
        this.clusterName = server.cluster().name();
        this.router = AdminRoutes.router(server);
        this.token = token;
        this.tokenFile = tokenFile;
        this.listener = new AdminListener(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()),
                BACKLOG, clusterName, options, new Handler());
        this.guard = new RequestGuard(token, tokenFile, listener.port());
    }

    /** Starts the API for {@code server} on 127.0.0.1:{@code port} (0 = a free port) with a generated token. */
    public static AdminServer start(ClusterServer server, int port) throws IOException {
        return start(server, AdminOptions.defaults().withPort(port));
    }

    public static AdminServer start(ClusterServer server, AdminOptions options) throws IOException {
        String name = server.cluster().name();
        AdminToken token = options.token() == null ? AdminToken.generate() : options.token();
        Path tokenFile = (options.tokenFile() == null ? defaultTokenFile(server) : options.tokenFile()).toAbsolutePath();
        AdminServer admin;
        try {
            admin = new AdminServer(server, options, token, tokenFile);
        } catch (IOException | RuntimeException e) {
            throw new IOException("cluster " + name + ": cannot start the admin API on 127.0.0.1:" + options.port()
                    + ": " + e.getMessage(), e);
        }
        try {
            TokenFile.write(tokenFile, token);
        } catch (IOException | RuntimeException e) {
            admin.listener.close();
            throw new IOException("cluster " + name + ": cannot write the admin token file " + tokenFile + ": "
                    + e.getMessage(), e);
        }
        admin.listener.start();
        LOG.info(() -> "cluster " + name + ": admin API on " + admin.url() + ", bearer token in " + tokenFile);
        return admin;
    }

    /** Next to the hosts file, named like it: whoever can find the one can find the other. */
    static Path defaultTokenFile(ClusterServer server) {
        Path hosts = server.hostsFile().toAbsolutePath();
        return hosts.resolveSibling("borealis-" + server.cluster().name() + "-"
                + server.names().dnsId().toLowerCase(Locale.ROOT) + ".admin-token");
    }

    /** e.g. {@code http://127.0.0.1:41234/}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + listener.port() + "/");
    }

    /** The bearer token requests must carry ({@link AdminToken#bearer()}). */
    public AdminToken token() {
        return token;
    }

    /** The owner-only file holding the token while the server runs. */
    public Path tokenFile() {
        return tokenFile;
    }

    /** Connections open now (tests watch slow clients arrive). */
    int openConnections() {
        return listener.openConnections();
    }

    /** What the listener asks of the API: admit a head on the I/O thread, run a route on a worker. */
    private final class Handler implements AdminListener.Handler {

        @Override
        public Admitted admit(RequestHead head) {
            guard.check(head);
            return new Admitted(head, router.match(head.method(), head.path()));
        }

        @Override
        public HttpReply handle(Admitted admitted, byte[] bytes) {
            try {
                Router.Matched route = admitted.route();
                Object result = run(admitted.head(), route, body(bytes));
                return HttpReply.json(route.status(), result, Map.of());
            } catch (AdminException e) {
                return HttpReply.error(e);
            }
        }
    }

    private Object run(RequestHead head, Router.Matched matched, Map<String, Object> body) {
        try {
            return matched.handler().handle(new AdminRequest(matched.params(), body));
        } catch (AdminException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new AdminException(400, e.getMessage());
        } catch (IllegalStateException e) {
            throw new AdminException(409, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cluster " + clusterName + ": " + head.method() + " " + head.path() + " failed", e);
            throw new AdminException(500, head.method() + " " + head.path() + " failed: " + e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return Map.of();
        }
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (Json.JsonException e) {
            throw new AdminException(400, e.getMessage());
        }
        if (!(parsed instanceof Map)) {
            throw new AdminException(400, "bad JSON: the body must be an object, got " + Json.write(parsed));
        }
        return (Map<String, Object>) parsed;
    }

    @Override
    public void close() {
        listener.close();
        try {
            Files.deleteIfExists(tokenFile);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cluster " + clusterName + ": cannot delete the admin token file " + tokenFile, e);
        }
    }

    @Override
    public String toString() {
        return "AdminServer[" + clusterName + ", " + url() + ", token file " + tokenFile + "]";
    }
}

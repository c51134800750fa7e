package dev.borealis.cluster.server.admin;

import dev.borealis.cluster.server.ClusterServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
 * {@link AdminListener} the limits (request deadline, bounded workers and queue).
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

    private AdminServer(ServerSocket socket, ClusterServer server, AdminOptions options, AdminToken token,
                        Path tokenFile) throws IOException {
        this.clusterName = server.cluster().name();
        this.router = AdminRoutes.router(server);
        this.token = token;
        this.tokenFile = tokenFile;
        this.guard = new RequestGuard(token, tokenFile, socket.getLocalPort());
        this.listener = new AdminListener(socket, clusterName, options, this::serve);
    }

    /** Starts the API for {@code server} on 127.0.0.1:{@code port} (0 = a free port) with a generated token. */
    public static AdminServer start(ClusterServer server, int port) throws IOException {
        return start(server, AdminOptions.defaults().withPort(port));
    }

    public static AdminServer start(ClusterServer server, AdminOptions options) throws IOException {
        String name = server.cluster().name();
        AdminToken token = options.token() == null ? AdminToken.generate() : options.token();
        Path tokenFile = (options.tokenFile() == null ? defaultTokenFile(server) : options.tokenFile()).toAbsolutePath();
        ServerSocket socket = new ServerSocket();
        boolean written = false;
        try {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), BACKLOG);
            TokenFile.write(tokenFile, token);
            written = true;
            AdminServer admin = new AdminServer(socket, server, options, token, tokenFile);
            admin.listener.start();
            LOG.info(() -> "cluster " + name + ": admin API on " + admin.url() + ", bearer token in " + tokenFile);
            return admin;
        } catch (IOException | RuntimeException e) {
            socket.close();
            if (written) {
                Files.deleteIfExists(tokenFile);
            }
            throw new IOException("cluster " + name + ": cannot start the admin API on 127.0.0.1:" + options.port()
                    + " (token file " + tokenFile + "): " + e.getMessage(), e);
        }
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

    /** Accepted connections waiting for a worker (tests watch the queue fill). */
    int queuedConnections() {
        return listener.queued();
    }

    private void serve(AdminConnection connection) throws IOException {
        HttpReply reply;
        try {
            reply = handle(connection);
        } catch (AdminException e) {
            reply = HttpReply.error(e);
        }
        connection.send(reply);
    }

    private HttpReply handle(AdminConnection connection) throws IOException {
        RequestHead head = connection.reader().readHead();
        guard.check(head);
        Router.Matched matched = router.match(head.method(), head.path());
        if (head.contentLength() > 0 && "100-continue".equalsIgnoreCase(head.header("expect"))) {
            connection.sendContinue();
        }
        Map<String, Object> body = body(connection.reader().readBody(head));
        connection.handling();
        return HttpReply.json(matched.status(), run(head, matched, body), Map.of());
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

package dev.borealis.cluster.server.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.borealis.cluster.server.ClusterServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The admin HTTP API of a served cluster, on 127.0.0.1 only: JSON in, JSON out, errors as
 * {@code {"error": "..."}} with a 4xx status naming the problem. Requests run on
 * {@code borealis-CLUSTER-admin-N} threads, which {@link #close()} stops.
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AdminServer.class.getName());
    private static final int MAX_BODY = 64 * 1024;

    private final HttpServer http;
    private final ExecutorService executor;
    private final Router router;
    private final String clusterName;

    private AdminServer(HttpServer http, ExecutorService executor, Router router, String clusterName) {
        this.http = http;
        this.executor = executor;
        this.router = router;
        this.clusterName = clusterName;
    }

    /** Starts the API for {@code server} on 127.0.0.1:{@code port} (0 = a free port). */
    public static AdminServer start(ClusterServer server, int port) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("admin port: " + port + " is out of range 0..65535");
        }
        String name = server.cluster().name();
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "borealis-" + name + "-admin-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.allowCoreThreadTimeOut(true);
        http.setExecutor(executor);
        AdminServer admin = new AdminServer(http, executor, AdminRoutes.router(server), name);
        http.createContext("/", admin::exchange);
        http.start();
        LOG.info(() -> "cluster " + name + ": admin API on " + admin.url());
        return admin;
    }

    /** e.g. {@code http://127.0.0.1:41234/}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/");
    }

    private void exchange(HttpExchange exchange) {
        try (exchange) {
            Router.Reply reply = handle(exchange);
            byte[] body = Json.write(reply.body()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(reply.status(), body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "cluster " + clusterName + ": admin response failed", e);
        }
    }

    private Router.Reply handle(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        try {
            Router.Matched matched = router.match(method, path);
            AdminRequest request = new AdminRequest(matched.params(), body(exchange));
            return new Router.Reply(matched.status(), matched.handler().handle(request));
        } catch (Router.MethodNotAllowed e) {
            exchange.getResponseHeaders().set("Allow", e.allow());
            return error(e.status(), e.getMessage());
        } catch (AdminException e) {
            return error(e.status(), e.getMessage());
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        } catch (IllegalStateException e) {
            return error(409, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cluster " + clusterName + ": " + method + " " + path + " failed", e);
            return error(500, method + " " + path + " failed: " + e);
        }
    }

    private static Router.Reply error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        return new Router.Reply(status, body);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(HttpExchange exchange) {
        String text;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new AdminException(413, "request body is larger than " + MAX_BODY + " bytes");
            }
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AdminException(400, "cannot read the request body: " + e.getMessage());
        }
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
        http.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

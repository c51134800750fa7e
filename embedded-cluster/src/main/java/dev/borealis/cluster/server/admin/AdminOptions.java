package dev.borealis.cluster.server.admin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the admin API listens and whom it serves.
 *
 * @param port           port on 127.0.0.1 (0 = a free one)
 * @param token          the bearer token to require; null = a random one generated at start
 * @param tokenFile      where the token is written (owner-only); null = next to the hosts file,
 *                       {@code borealis-CLUSTER-DNSID.admin-token}
 * @param requestTimeout time a client has to send its whole request (and to take the response)
 * @param workers        requests whose route runs at once
 * @param queue          complete requests that may wait for a worker; beyond that, 503
 * @param maxConnections connections open at once (reading, waiting, writing); one more gets 503
 */
public record AdminOptions(int port, AdminToken token, Path tokenFile, Duration requestTimeout, int workers, int queue,
                           int maxConnections) {

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_WORKERS = 8;
    public static final int DEFAULT_QUEUE = 64;
    public static final int DEFAULT_MAX_CONNECTIONS = 256;

    public AdminOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("admin port: " + port + " is out of range 0..65535");
        }
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.toMillis() < 1 || requestTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("admin request timeout: " + requestTimeout.toMillis()
                    + " ms is out of range 1..600000");
        }
        if (workers < 1 || workers > 1024) {
            throw new IllegalArgumentException("admin workers: " + workers + " is out of range 1..1024");
        }
        if (queue < 1 || queue > 1024) {
            throw new IllegalArgumentException("admin queue: " + queue + " is out of range 1..1024");
        }
        if (maxConnections < 1 || maxConnections > 10_000) {
            throw new IllegalArgumentException("admin max connections: " + maxConnections + " is out of range 1..10000");
        }
    }

    public static AdminOptions defaults() {
        return new AdminOptions(0, null, null, DEFAULT_REQUEST_TIMEOUT, DEFAULT_WORKERS, DEFAULT_QUEUE,
                DEFAULT_MAX_CONNECTIONS);
    }

    public AdminOptions withPort(int port) {
        return new AdminOptions(port, token, tokenFile, requestTimeout, workers, queue, maxConnections);
    }

    public AdminOptions withToken(AdminToken token) {
        return new AdminOptions(port, token, tokenFile, requestTimeout, workers, queue, maxConnections);
    }

    public AdminOptions withTokenFile(Path tokenFile) {
        return new AdminOptions(port, token, tokenFile, requestTimeout, workers, queue, maxConnections);
    }

    public AdminOptions withRequestTimeout(Duration requestTimeout) {
        return new AdminOptions(port, token, tokenFile, requestTimeout, workers, queue, maxConnections);
    }

    public AdminOptions withWorkers(int workers) {
        return new AdminOptions(port, token, tokenFile, requestTimeout, workers, queue, maxConnections);
    }

    public AdminOptions withQueue(int queue) {
        return new AdminOptions(port, token, tokenFile, requestTimeout, workers, queue, maxConnections);
    }

    public AdminOptions withMaxConnections(int maxConnections) {
        return new AdminOptions(port, token, tokenFile, requestTimeout, workers, queue, maxConnections);
    }

    @Override
    public String toString() {
        return "AdminOptions[port=" + port + ", token=" + (token == null ? "generated" : "given") + ", tokenFile="
                + tokenFile + ", requestTimeout=" + requestTimeout.toMillis() + " ms, workers=" + workers
                + ", queue=" + queue + ", maxConnections=" + maxConnections + "]";
    }
}

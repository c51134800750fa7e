package dev.borealis.cluster.server.admin;

import java.util.Map;

/**
 * A request the admin API refuses, with the HTTP status to answer, a message naming the problem and the
 * response headers the status calls for ({@code Allow} with 405, {@code WWW-Authenticate} with 401).
 */
class AdminException extends RuntimeException {

    private final int status;
    private final Map<String, String> headers;

    AdminException(int status, String message) {
        this(status, message, Map.of());
    }

    AdminException(int status, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }
}

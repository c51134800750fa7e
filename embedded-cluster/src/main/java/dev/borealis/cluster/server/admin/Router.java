package dev.borealis.cluster.server.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Matches {@code METHOD /path/{param}} routes; tells 404 (no such path) from 405 (path exists, method does not). */
final class Router {

    /** A route's work: returns the response body (a JSON value) or throws {@link AdminException}. */
    @FunctionalInterface
    interface Handler {
        Object handle(AdminRequest request);
    }

    /** The response status and JSON body. */
    record Reply(int status, Object body) {
    }

    private record Route(String method, String[] segments, int status, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    Router add(String method, String path, Handler handler) {
        return add(method, path, 200, handler);
    }

    Router add(String method, String path, int status, Handler handler) {
        routes.add(new Route(method, split(path), status, handler));
        return this;
    }

    /** The route for the call, or an {@link AdminException} with 404 or 405 (the message lists the allowed methods). */
    Matched match(String method, String path) {
        String[] segments = split(path);
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Map<String, String> params = bind(route.segments(), segments);
            if (params == null) {
                continue;
            }
            if (route.method().equals(method)) {
                return new Matched(route.handler(), route.status(), params);
            }
            allowed.add(route.method());
        }
        if (!allowed.isEmpty()) {
            throw new MethodNotAllowed(method + " " + path + " is not allowed (allowed: " + String.join(", ", allowed) + ")",
                    String.join(", ", allowed));
        }
        throw new AdminException(404, "no such resource: " + method + " " + path);
    }

    record Matched(Handler handler, int status, Map<String, String> params) {
    }

    static final class MethodNotAllowed extends AdminException {
        MethodNotAllowed(String message, String allow) {
            super(405, message, Map.of("Allow", allow));
        }
    }

    private static Map<String, String> bind(String[] pattern, String[] actual) {
        if (pattern.length != actual.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i].startsWith("{")) {
                params.put(pattern[i].substring(1, pattern[i].length() - 1), actual[i]);
            } else if (!pattern[i].equals(actual[i])) {
                return null;
            }
        }
        return params;
    }

    private static String[] split(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/+");
    }
}

package dev.borealis.cluster.server.admin;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a request must show before any route runs, in this order:
 * <ol>
 *   <li>a {@code Host} naming this listener (127.0.0.1, localhost or [::1] with its port), else 421 —
 *       a page whose name was rebound to 127.0.0.1 sends its own name;</li>
 *   <li>no {@code Origin}, or this listener's own, else 403 — browsers send one on cross-site requests;</li>
 *   <li>{@code Authorization: Bearer TOKEN} with this server's token, else 401 with {@code WWW-Authenticate};</li>
 *   <li>{@code Content-Type: application/json} when a body or a content type is sent, else 415 — the
 *       content types an HTML form can send without a CORS preflight are all refused.</li>
 * </ol>
 * Messages never repeat a presented token.
 */
final class RequestGuard {

    private static final int MAX_ECHO = 80;
    private static final String REALM = "Bearer realm=\"borealis-admin\"";

    private final AdminToken token;
    private final Path tokenFile;
    private final List<String> hosts;
    private final List<String> origins;

    RequestGuard(AdminToken token, Path tokenFile, int port) {
        this.token = token;
        this.tokenFile = tokenFile;
        this.hosts = List.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port);
        this.origins = hosts.stream().map(h -> "http://" + h).toList();
    }

    void check(RequestHead head) {
        checkHost(head.header("host"));
        checkOrigin(head.header("origin"));
        checkToken(head.header("authorization"));
        checkContentType(head);
    }

    private void checkHost(String host) {
        if (host == null) {
            throw new AdminException(400, "admin API: the Host header is required");
        }
        if (!hosts.contains(host.toLowerCase(Locale.ROOT))) {
            throw new AdminException(421, "admin API: Host '" + echo(host) + "' is not this listener (expected "
                    + hosts.get(0) + " or " + hosts.get(1) + ")");
        }
    }

    private void checkOrigin(String origin) {
        if (origin != null && !origins.contains(origin.toLowerCase(Locale.ROOT))) {
            throw new AdminException(403, "admin API: cross-origin request refused (Origin '" + echo(origin)
                    + "'; only " + origins.get(0) + " or no Origin is accepted)");
        }
    }

    private void checkToken(String authorization) {
        if (authorization == null) {
            throw unauthorized("missing Authorization: Bearer token", REALM);
        }
        int space = authorization.indexOf(' ');
        if (space < 0 || !authorization.substring(0, space).equalsIgnoreCase("Bearer")) {
            throw unauthorized("the Authorization header must use the Bearer scheme",
                    REALM + ", error=\"invalid_request\"");
        }
        if (!token.matches(authorization.substring(space + 1).strip())) {
            throw unauthorized("the bearer token is not this cluster's", REALM + ", error=\"invalid_token\"");
        }
    }

    private AdminException unauthorized(String problem, String challenge) {
        return new AdminException(401, "admin API: " + problem + " (the token is the READY line's adminToken"
                + (tokenFile == null ? "" : " and the content of " + tokenFile) + ")",
                Map.of("WWW-Authenticate", challenge));
    }

    private static void checkContentType(RequestHead head) {
        String type = head.header("content-type");
        if (type == null && head.contentLength() == 0) {
            return;
        }
        String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json")) {
            throw new AdminException(415, "admin API: request bodies must be Content-Type: application/json (got "
                    + (type == null ? "none" : "'" + echo(type) + "'") + ")");
        }
    }

    private static String echo(String untrusted) {
        String printable = untrusted.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= MAX_ECHO ? printable : printable.substring(0, MAX_ECHO) + "...";
    }
}

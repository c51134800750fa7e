package dev.borealis.cluster.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * An RDS IAM authentication token taken apart: {@code host:port/?Action=connect&DBUser=…&X-Amz-…}. Only the
 * structure is checked here; {@link IamAuth} checks what it says. Never printed: {@link #toString()} names the
 * user and endpoint only.
 *
 * @param host   the host the token was signed for
 * @param port   the port the token was signed for
 * @param query  every query parameter, decoded, sorted by name (the signature included)
 */
record IamToken(String host, int port, Map<String, String> query) {

    IamToken {
        query = java.util.Collections.unmodifiableMap(new TreeMap<>(query));
    }

    /** Parses {@code token}; throws {@link IamAuthException} naming the part that is malformed. */
    static IamToken parse(String token) {
        if (token == null || token.isEmpty()) {
            throw new IamAuthException("empty token");
        }
        int slash = token.indexOf("/?");
        if (slash <= 0) {
            throw new IamAuthException("not an RDS IAM token (no 'host:port/?' prefix)");
        }
        String hostPort = token.substring(0, slash);
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IamAuthException("the token names no port");
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IamAuthException("the token's port is not a number");
        }
        return new IamToken(hostPort.substring(0, colon), port, parseQuery(token.substring(slash + 2)));
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> query = new TreeMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (query.put(name, value) != null) {
                throw new IamAuthException("query parameter '" + name + "' appears twice");
            }
        }
        return query;
    }

    private static String decode(String s) {
        try {
            // '+' is a literal plus in SigV4's encoding, not a space
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IamAuthException("malformed percent-encoding in the query");
        }
    }

    /** The parameter, or an exception naming it when it is missing. */
    String require(String name) {
        String v = query.get(name);
        if (v == null || v.isEmpty()) {
            throw new IamAuthException("parameter " + name + " is missing");
        }
        return v;
    }

    /** The value of the {@code Host} header the client signed: {@code host:port} (443 would be left out). */
    String hostHeader() {
        return port == 443 ? host : host + ":" + port;
    }

    @Override
    public String toString() {
        return "IamToken[" + query.get("DBUser") + "@" + host + ":" + port + "]";
    }
}

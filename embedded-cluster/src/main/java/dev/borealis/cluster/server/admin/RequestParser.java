package dev.borealis.cluster.server.admin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses the head of one HTTP/1.1 request (request line and headers). Sizes are bounded (headers
 * 16 KiB and 64 of them, body 64 KiB); anything this API does not need (chunked bodies, absolute-form
 * targets, folded headers, a second Host or Content-Length) is refused rather than interpreted.
 */
final class RequestParser {

    static final int MAX_HEAD_BYTES = 16 * 1024;
    static final int MAX_HEADERS = 64;
    static final int MAX_BODY = 64 * 1024;
    private static final Set<String> SINGLE = Set.of("host", "content-length", "authorization", "content-type", "origin");

    private RequestParser() {
    }

    /**
     * The offset of the blank line ending the head in {@code buffer[0..length)}, or -1 if it has not
     * arrived; the search starts at {@code from} (where the previous search could not have matched).
     */
    static int headEnd(byte[] buffer, int from, int length) {
        for (int i = Math.max(0, from - 3); i + 3 < length; i++) {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    static RequestHead parse(String head) {
        String[] lines = head.split("\r\n", -1);
        String[] requestLine = lines[0].split(" ", -1);
        if (requestLine.length != 3 || !requestLine[0].matches("[A-Z]{1,16}")) {
            throw new AdminException(400, "bad request line (expected METHOD /path HTTP/1.1)");
        }
        if (!requestLine[2].equals("HTTP/1.1") && !requestLine[2].equals("HTTP/1.0")) {
            throw new AdminException(505, "HTTP version not supported (expected HTTP/1.1)");
        }
        if (lines.length - 1 > MAX_HEADERS) {
            throw new AdminException(431, "more than " + MAX_HEADERS + " request headers");
        }
        Map<String, String> headers = headers(lines);
        if (headers.containsKey("transfer-encoding")) {
            throw new AdminException(411, "Transfer-Encoding is not accepted: send the body with a Content-Length");
        }
        return new RequestHead(requestLine[0], path(requestLine[1]), Map.copyOf(headers), contentLength(headers));
    }

    private static Map<String, String> headers(String[] lines) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0 || !line.substring(0, colon).matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new AdminException(400, "bad header line " + i + " (expected Name: value; no folding)");
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (headers.containsKey(name) && SINGLE.contains(name)) {
                throw new AdminException(400, "header " + name + " appears more than once");
            }
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
        return headers;
    }

    private static String path(String target) {
        if (!target.startsWith("/")) {
            throw new AdminException(400, "bad request target (expected a path starting with /)");
        }
        try {
            String path = new URI(target).getPath();
            if (path == null) {
                throw new AdminException(400, "bad request target (no path)");
            }
            return path;
        } catch (URISyntaxException e) {
            throw new AdminException(400, "bad request target: " + e.getReason());
        }
    }

    private static int contentLength(Map<String, String> headers) {
        String value = headers.get("content-length");
        if (value == null) {
            return 0;
        }
        if (!value.matches("[0-9]{1,10}")) {
            throw new AdminException(400, "Content-Length: not a number");
        }
        long length = Long.parseLong(value);
        if (length > MAX_BODY) {
            throw new AdminException(413, "request body of " + length + " bytes is larger than " + MAX_BODY + " bytes");
        }
        return (int) length;
    }
}

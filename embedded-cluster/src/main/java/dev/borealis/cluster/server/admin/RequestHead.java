package dev.borealis.cluster.server.admin;

import java.util.Map;

/**
 * The request line and headers of one admin API request, before its body is read.
 *
 * @param method        e.g. {@code POST}
 * @param path          the decoded path, without the query
 * @param headers       header values by lower-case name (repeated headers joined with ", ")
 * @param contentLength the declared body length, 0 without a body
 */
record RequestHead(String method, String path, Map<String, String> headers, int contentLength) {

    String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }
}

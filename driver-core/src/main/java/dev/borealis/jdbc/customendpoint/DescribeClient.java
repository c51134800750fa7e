package dev.borealis.jdbc.customendpoint;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads one custom endpoint's definition with {@code GET {base}/endpoints/{name}}, the DescribeDBClusterEndpoints
 * shape. {@link HttpURLConnection}, disconnected after each call: it starts no threads of its own that could outlive
 * the monitor. The token is read from its file per call and never appears in messages.
 */
final class DescribeClient {

  private static final int MAX_BODY = 1 << 20;

  private final URI uri;
  private final Path tokenFile;
  private final int timeoutMs;

  DescribeClient(String baseUrl, String endpointName, Path tokenFile, int timeoutMs) {
    this.uri = URI.create((baseUrl.endsWith("/") ? baseUrl : baseUrl + "/") + "endpoints/" + endpointName);
    this.tokenFile = tokenFile;
    this.timeoutMs = timeoutMs;
  }

  URI uri() {
    return uri;
  }

  EndpointInfo describe(String name) throws IOException {
    HttpURLConnection http = (HttpURLConnection) uri.toURL().openConnection();
    try {
      http.setConnectTimeout(timeoutMs);
      http.setReadTimeout(timeoutMs);
      http.setUseCaches(false);
      http.setRequestProperty("Accept", "application/json");
      if (tokenFile != null) {
        http.setRequestProperty("Authorization", "Bearer " + Files.readString(tokenFile, StandardCharsets.UTF_8).strip());
      }
      int status = http.getResponseCode();
      String body = read(status >= 400 ? http.getErrorStream() : http.getInputStream());
      if (status != 200) {
        throw new IOException("GET " + uri + " answered HTTP " + status + errorOf(body));
      }
      return parse(name, body);
    } finally {
      http.disconnect();
    }
  }

  private static String read(InputStream in) throws IOException {
    if (in == null) {
      return "";
    }
    try (in) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        throw new IOException("describe answer larger than " + MAX_BODY + " bytes");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static String errorOf(String body) {
    try {
      Object error = JsonReader.parse(body) instanceof Map<?, ?> m ? m.get("error") : null;
      return error == null ? "" : ": " + error;
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  /** The first entry of {@code DBClusterEndpoints}; every member it uses must have Aurora's type. */
  EndpointInfo parse(String name, String body) throws IOException {
    try {
      Map<?, ?> root = (Map<?, ?>) JsonReader.parse(body);
      List<?> endpoints = (List<?>) root.get("DBClusterEndpoints");
      if (endpoints == null || endpoints.isEmpty()) {
        throw new IOException("GET " + uri + ": no DBClusterEndpoints entry for custom endpoint " + name);
      }
      Map<?, ?> e = (Map<?, ?>) endpoints.get(0);
      Object type = e.get("CustomEndpointType");
      if (!"READER".equals(type) && !"ANY".equals(type)) {
        throw new IOException("GET " + uri + ": CustomEndpointType is " + type + " (expected READER or ANY)");
      }
      List<String> statics = strings(e.get("StaticMembers"));
      List<String> excluded = strings(e.get("ExcludedMembers"));
      boolean allExcept = statics.isEmpty();
      return new EndpointInfo(name, "READER".equals(type), allExcept,
          new java.util.TreeSet<>(allExcept ? excluded : statics));
    } catch (ClassCastException | IllegalArgumentException e) {
      throw new IOException("GET " + uri + ": not a DescribeDBClusterEndpoints answer (" + e.getMessage() + ")", e);
    }
  }

  private static List<String> strings(Object value) {
    if (value == null) {
      return List.of();
    }
    return ((List<?>) value).stream().map(v -> (String) v).toList();
  }
}

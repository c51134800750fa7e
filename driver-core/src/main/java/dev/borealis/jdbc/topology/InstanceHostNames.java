package dev.borealis.jdbc.topology;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an instance id from the topology view into a host and port: {@code clusterInstanceHostPattern} when given
 * ({@code ?} replaced by the id, optional {@code :port}), else the pattern implied by an Aurora cluster endpoint in
 * the URL, else the id itself as hostname. The port defaults to the URL's. {@code clusterInstanceHostMap} names
 * hosts for individual ids and wins over the pattern: for clients that reach instances by IP address because they
 * cannot resolve the instances' names (a JVM without the cluster's hosts file).
 */
public final class InstanceHostNames {

  private final String pattern;
  private final int port;
  private final Map<String, HostAndPort> byId;

  private record HostAndPort(String host, int port) {
  }

  private InstanceHostNames(String pattern, int port, Map<String, HostAndPort> byId) {
    this.pattern = pattern;
    this.port = port;
    this.byId = Map.copyOf(byId);
  }

  /** {@code configured} may be null; {@code urlHost}/{@code urlPort} are the URL's first host. */
  public static InstanceHostNames of(String configured, String urlHost, int urlPort) {
    return of(configured, "", urlHost, urlPort);
  }

  /** As {@link #of(String, String, int)}, with {@code map} in the form {@code id=host[:port],…} (may be empty). */
  public static InstanceHostNames of(String configured, String map, String urlHost, int urlPort) {
    String p = configured != null ? configured : AuroraEndpoints.instancePattern(urlHost).orElse("?");
    int colon = p.lastIndexOf(':');
    Map<String, HostAndPort> byId = parseMap(map, urlPort);
    if (colon > p.indexOf('?')) {
      return new InstanceHostNames(p.substring(0, colon), Integer.parseInt(p.substring(colon + 1)), byId);
    }
    return new InstanceHostNames(p, urlPort, byId);
  }

  private static Map<String, HostAndPort> parseMap(String map, int defaultPort) {
    Map<String, HostAndPort> byId = new HashMap<>();
    if (map == null || map.isBlank()) {
      return byId;
    }
    for (String pair : map.split(",")) {
      int eq = pair.indexOf('=');
      String id = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String target = pair.substring(eq + 1).trim();
      int colon = target.lastIndexOf(':');
      byId.put(id, colon > 0 ? new HostAndPort(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)))
          : new HostAndPort(target, defaultPort));
    }
    return byId;
  }

  public String host(String instanceId) {
    HostAndPort mapped = byId.get(instanceId.toLowerCase(Locale.ROOT));
    return mapped != null ? mapped.host() : pattern.replace("?", instanceId);
  }

  public int port() {
    return port;
  }

  /** The port for {@code instanceId}: its mapped port, else the pattern's (or the URL's). */
  public int port(String instanceId) {
    HostAndPort mapped = byId.get(instanceId.toLowerCase(Locale.ROOT));
    return mapped != null ? mapped.port() : port;
  }

  @Override
  public String toString() {
    return pattern + ":" + port;
  }
}

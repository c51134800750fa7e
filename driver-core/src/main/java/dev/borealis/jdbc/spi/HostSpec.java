package dev.borealis.jdbc.spi;

import java.util.Locale;
import java.util.Objects;

/**
 * One database instance as the driver knows it. Two specs denote the same instance when host and port are equal;
 * role, lag and weight describe its state at the last topology read.
 *
 * @param host       hostname or IP literal (IPv6 without brackets)
 * @param port       TCP port
 * @param instanceId the engine's instance identifier, or {@code null} when unknown (hosts from the URL)
 * @param role       writer, reader or unknown
 * @param lagMs      replica lag in milliseconds at the last read; 0 for the writer and when unknown
 * @param weight     relative weight for weighted selectors, at least 1
 */
public record HostSpec(String host, int port, String instanceId, HostRole role, double lagMs, int weight) {

  public HostSpec {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(role, "role");
    host = host.toLowerCase(Locale.ROOT);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " of host " + host + " is outside 1..65535");
    }
    if (weight < 1) {
      throw new IllegalArgumentException("weight " + weight + " of host " + host + " must be at least 1");
    }
  }

  /** A host named in a URL: role unknown, no lag, weight 1. */
  public static HostSpec of(String host, int port) {
    return new HostSpec(host, port, null, HostRole.UNKNOWN, 0, 1);
  }

  /** {@code host:port}, with brackets around IPv6 literals; the identity used for maps and logs. */
  public String hostAndPort() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  public boolean sameAddress(HostSpec other) {
    return other != null && host.equals(other.host) && port == other.port;
  }

  public HostSpec withRole(HostRole newRole) {
    return new HostSpec(host, port, instanceId, newRole, lagMs, weight);
  }

  public HostSpec withWeight(int newWeight) {
    return new HostSpec(host, port, instanceId, role, lagMs, newWeight);
  }

  @Override
  public String toString() {
    return hostAndPort() + "(" + role.name().toLowerCase(Locale.ROOT)
        + (instanceId == null ? "" : " " + instanceId) + (lagMs > 0 ? " lag=" + lagMs + "ms" : "") + ")";
  }
}

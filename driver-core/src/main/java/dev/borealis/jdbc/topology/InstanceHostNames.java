package dev.borealis.jdbc.topology;

/**
 * Turns an instance id from the topology view into a host and port: {@code clusterInstanceHostPattern} when given
 * ({@code ?} replaced by the id, optional {@code :port}), else the pattern implied by an Aurora cluster endpoint in
 * the URL, else the id itself as hostname. The port defaults to the URL's.
 */
public final class InstanceHostNames {

  private final String pattern;
  private final int port;

  private InstanceHostNames(String pattern, int port) {
    this.pattern = pattern;
    this.port = port;
  }

  /** {@code configured} may be null; {@code urlHost}/{@code urlPort} are the URL's first host. */
  public static InstanceHostNames of(String configured, String urlHost, int urlPort) {
    String p = configured != null ? configured : AuroraEndpoints.instancePattern(urlHost).orElse("?");
    int colon = p.lastIndexOf(':');
    if (colon > p.indexOf('?')) {
      return new InstanceHostNames(p.substring(0, colon), Integer.parseInt(p.substring(colon + 1)));
    }
    return new InstanceHostNames(p, urlPort);
  }

  public String host(String instanceId) {
    return pattern.replace("?", instanceId);
  }

  public int port() {
    return port;
  }

  @Override
  public String toString() {
    return pattern + ":" + port;
  }
}

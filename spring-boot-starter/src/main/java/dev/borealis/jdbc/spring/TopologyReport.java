package dev.borealis.jdbc.spring;

import dev.borealis.jdbc.spi.HostRole;
import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.spi.Topology;
import dev.borealis.jdbc.topology.ClusterTopology;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Borealis data source's cluster as the driver last saw it, independent of the Boot version's health types.
 *
 * @param clusterId the driver's cluster id, or null when no connection of this JVM has used the cluster yet
 * @param writer    the writer, if the last topology read named one
 * @param readers   the readers of the last topology read
 * @param fromTopologyQuery false while the driver knows only the URL's hosts (before its first topology read)
 * @param age       how long ago the topology was read
 */
public record TopologyReport(String clusterId, Optional<Instance> writer, List<Instance> readers,
    boolean fromTopologyQuery, Duration age) {

  /**
   * An instance of the topology; {@code connections} counts this JVM's Borealis connections on it.
   *
   * @param available listed with a known role by the last topology read (the cluster's topology view lists only
   *                  instances that are up), as opposed to a URL host not yet confirmed
   */
  public record Instance(String instanceId, String address, String role, double lagMs, int connections,
      boolean available) {

    Map<String, Object> details() {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("instanceId", instanceId);
      d.put("address", address);
      d.put("role", role);
      d.put("lagMs", lagMs);
      d.put("connections", connections);
      d.put("available", available);
      return d;
    }
  }

  public TopologyReport {
    readers = List.copyOf(readers);
  }

  static TopologyReport unknown() {
    return new TopologyReport(null, Optional.empty(), List.of(), false, Duration.ZERO);
  }

  static TopologyReport of(ClusterTopology cluster, long nowNanos) {
    Topology t = cluster.topology();
    return new TopologyReport(cluster.id(), t.writer().map(h -> instance(cluster, h, t)),
        t.readers().stream().map(h -> instance(cluster, h, t)).toList(), t.fromTopologyQuery(),
        Duration.ofNanos(Math.max(0, nowNanos - t.readAtNanos())));
  }

  private static Instance instance(ClusterTopology cluster, HostSpec h, Topology t) {
    return new Instance(h.instanceId(), h.hostAndPort(), h.role().name(), h.lagMs(), cluster.stats().connections(h),
        t.fromTopologyQuery() && h.role() != HostRole.UNKNOWN);
  }

  /** Seen by the driver, and the last read named a writer. */
  public boolean healthy() {
    return clusterId != null && writer.isPresent();
  }

  /** The health details: cluster, writer, readers (each with role, lag, connections, availability). */
  public Map<String, Object> details() {
    Map<String, Object> d = new LinkedHashMap<>();
    if (clusterId == null) {
      d.put("state", "no connection through this data source yet");
      return d;
    }
    d.put("cluster", clusterId);
    d.put("writer", writer.map(Instance::details).orElse(null));
    d.put("readers", readers.stream().map(Instance::details).toList());
    d.put("fromTopologyQuery", fromTopologyQuery);
    d.put("topologyAgeMs", age.toMillis());
    return d;
  }
}

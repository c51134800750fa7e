package dev.borealis.jdbc.topology;

import dev.borealis.jdbc.spi.Dialect;
import dev.borealis.jdbc.spi.HostRole;
import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.spi.Topology;
import dev.borealis.jdbc.spi.TopologyRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Reads a cluster's topology with a connection of its own (so no application connection is borrowed by the
 * refresh thread): from the server's topology view, or, for plain replication, by probing every URL host's role.
 * Not thread-safe; {@link ClusterTopology} serialises calls.
 */
final class TopologyReader {

  private static final Logger LOG = Logger.getLogger(TopologyReader.class.getName());

  /** Longest a topology read may wait for an answer before the host counts as unreachable. */
  static final int READ_TIMEOUT_MS = 5_000;

  private final ClusterSettings settings;
  private Connection monitor;

  TopologyReader(ClusterSettings settings) {
    this.settings = settings;
  }

  Topology read(Dialect dialect, Topology known, long nowNanos) throws SQLException {
    if (!dialect.topologyFromServer()) {
      return probeUrlHosts(dialect, nowNanos);
    }
    SQLException last = null;
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        return fromRows(dialect.queryTopology(monitor(known)), nowNanos);
      } catch (SQLException e) {
        last = e;
        closeMonitor();
      }
    }
    throw last;
  }

  Topology fromRows(List<TopologyRow> rows, long nowNanos) throws SQLException {
    if (rows.isEmpty()) {
      throw new SQLException("cluster " + settings.id() + ": the topology view returned no rows", "08001");
    }
    List<HostSpec> hosts = new ArrayList<>();
    for (TopologyRow r : rows) {
      String host = r.endpoint() != null ? r.endpoint() : settings.names().host(r.instanceId());
      int port = r.port() > 0 ? r.port() : settings.names().port(r.instanceId());
      hosts.add(new HostSpec(host, port, r.instanceId(), r.writer() ? HostRole.WRITER : HostRole.READER,
          r.writer() ? 0 : Math.max(0, r.lagMs()), 1));
    }
    return new Topology(ClusterTopology.writerFirst(hosts), nowNanos, true);
  }

  /** Plain replication: the writer is the one host that is not read-only; hosts that do not answer are left out. */
  private Topology probeUrlHosts(Dialect dialect, long nowNanos) throws SQLException {
    List<HostSpec> hosts = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (HostSpec h : settings.urlHosts()) {
      try (Connection c = open(h)) {
        hosts.add(h.withRole(dialect.isReader(c) ? HostRole.READER : HostRole.WRITER));
      } catch (SQLException e) {
        failures.add(h.hostAndPort() + ": " + e.getMessage());
      }
    }
    if (hosts.isEmpty()) {
      throw new SQLException("cluster " + settings.id() + ": none of the URL hosts answered " + failures, "08001");
    }
    return new Topology(ClusterTopology.writerFirst(hosts), nowNanos, true);
  }

  private Connection monitor(Topology known) throws SQLException {
    if (monitor != null) {
      return monitor;
    }
    Set<HostSpec> candidates = new LinkedHashSet<>();
    known.writer().ifPresent(candidates::add);
    candidates.addAll(known.readers());
    candidates.addAll(settings.urlHosts());
    SQLException last = null;
    for (HostSpec h : candidates) {
      try {
        monitor = open(h);
        return monitor;
      } catch (SQLException e) {
        last = e;
      }
    }
    throw new SQLException("cluster " + settings.id() + ": no host of " + candidates.size()
        + " answered for a topology read", "08001", last);
  }

  /** The provider's own connection: its connect, login and reads are all bounded, a silent host costs seconds. */
  private Connection open(HostSpec h) throws SQLException {
    java.util.Properties props = settings.newTargetProperties(h);
    props.putAll(settings.engine().boundedConnect(READ_TIMEOUT_MS));
    Connection c = settings.engine().connect(h, settings.database(), props);
    try {
      // A silent (blackholed) host must not stall the refresh thread, and with it close(), forever.
      c.setNetworkTimeout(Runnable::run, READ_TIMEOUT_MS);
    } catch (SQLException | UnsupportedOperationException e) {
      LOG.finer(() -> "no network timeout on the topology connection: " + e.getMessage());
    }
    return c;
  }

  void close() {
    closeMonitor();
  }

  private void closeMonitor() {
    if (monitor != null) {
      try {
        monitor.close();
      } catch (SQLException e) {
        LOG.finer(() -> "closing topology connection: " + e.getMessage());
      }
      monitor = null;
    }
  }
}

package dev.borealis.jdbc.tracker;

import dev.borealis.jdbc.spi.HostSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Which physical connections (current ones of logical connections using the tracker plugin) sit on which
 * instance, per cluster, JVM-wide.
 */
public final class ConnectionTracker {

  private static final Logger LOG = Logger.getLogger(ConnectionTracker.class.getName());
  private static final Map<String, Map<String, Set<Connection>>> BY_CLUSTER = new ConcurrentHashMap<>();

  private ConnectionTracker() {
  }

  static void track(String clusterId, HostSpec host, Connection c) {
    hosts(clusterId).computeIfAbsent(host.hostAndPort(), k -> ConcurrentHashMap.newKeySet()).add(c);
  }

  static void untrack(String clusterId, HostSpec host, Connection c) {
    Set<Connection> set = hosts(clusterId).get(host.hostAndPort());
    if (set != null) {
      set.remove(c);
    }
  }

  /** How many tracked connections sit on {@code host}. */
  public static int openConnections(String clusterId, HostSpec host) {
    Set<Connection> set = hosts(clusterId).get(host.hostAndPort());
    return set == null ? 0 : set.size();
  }

  /**
   * Aborts every tracked connection on {@code host}; safe to call from several plugins for one event. Abort, not
   * close: a target driver's close() waits for a statement another thread runs on the connection (pgJDBC and
   * Connector/J both lock for it), and this runs on the thread that publishes topology, which must not wait on an
   * application's statement; abort cuts the socket at once and the owner's next call fails over.
   */
  static int closeAll(String clusterId, HostSpec host) {
    Set<Connection> set = hosts(clusterId).remove(host.hostAndPort());
    if (set == null) {
      return 0;
    }
    int closed = 0;
    for (Connection c : set) {
      try {
        c.abort(Runnable::run);
        if (!c.isClosed()) {
          c.close(); // a target driver whose abort does nothing (H2's)
        }
        closed++;
      } catch (SQLException e) {
        LOG.fine(() -> "closing a connection on demoted writer " + host.hostAndPort() + " failed: " + e.getMessage());
      }
    }
    return closed;
  }

  private static Map<String, Set<Connection>> hosts(String clusterId) {
    return BY_CLUSTER.computeIfAbsent(clusterId, k -> new ConcurrentHashMap<>());
  }
}

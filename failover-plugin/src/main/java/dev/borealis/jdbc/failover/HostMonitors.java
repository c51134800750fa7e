package dev.borealis.jdbc.failover;

import dev.borealis.jdbc.spi.HostSpec;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live monitors, one per cluster and instance: started by the first connection on the instance, retired a
 * moment after the last one leaves (a read/write-splitting connection moving between the writer and a reader must
 * not start and stop a thread per switch). Registration and removal are atomic per instance, so an instance never has two monitors.
 */
public final class HostMonitors {

  private static final Map<String, HostMonitor> MONITORS = new ConcurrentHashMap<>();
  /** Per cluster: probes run and connections aborted, for tests and diagnostics (two counters per cluster id). */
  private static final Map<String, AtomicLong> PROBES = new ConcurrentHashMap<>();
  private static final Map<String, AtomicLong> ABORTS = new ConcurrentHashMap<>();

  private HostMonitors() {
  }

  static void watch(String clusterId, HostSpec host, Connection physical, MonitorSettings settings,
      HostMonitor.Opener opener, HostMonitor.Suspicion suspicion) {
    MONITORS.compute(key(clusterId, host), (k, m) -> {
      HostMonitor monitor = m;
      if (monitor == null) {
        monitor = new HostMonitor(clusterId, host, settings, opener, suspicion);
        monitor.start();
      }
      monitor.watch(physical);
      return monitor;
    });
  }

  /** The monitor outlives its last connection by a linger period ({@link HostMonitor#lingerNanos}) and then retires. */
  static void unwatch(String clusterId, HostSpec host, Connection physical) {
    HostMonitor m = MONITORS.get(key(clusterId, host));
    if (m != null) {
      m.unwatch(physical);
    }
  }

  /**
   * Removes an idle monitor, atomically with {@link #watch} for its instance: a connection arriving at the same
   * moment either finds the monitor still registered (and keeps it alive) or starts a new one. True when removed.
   */
  static boolean retire(String clusterId, HostSpec host, HostMonitor monitor) {
    boolean[] removed = {false};
    MONITORS.computeIfPresent(key(clusterId, host), (k, m) -> {
      if (m == monitor && m.idle()) {
        removed[0] = true;
        return null;
      }
      return m;
    });
    return removed[0];
  }

  /** Unregisters {@code monitor} if it is still the instance's monitor (its thread is ending). */
  static void forget(String clusterId, HostSpec host, HostMonitor monitor) {
    MONITORS.remove(key(clusterId, host), monitor);
  }

  static void probed(String clusterId) {
    PROBES.computeIfAbsent(clusterId, k -> new AtomicLong()).incrementAndGet();
  }

  static void aborted(String clusterId, int connections) {
    ABORTS.computeIfAbsent(clusterId, k -> new AtomicLong()).addAndGet(connections);
  }

  /** How many probes the cluster's monitors ran in this JVM. */
  public static long probes(String clusterId) {
    AtomicLong n = PROBES.get(clusterId);
    return n == null ? 0 : n.get();
  }

  /** How many connections the cluster's monitors aborted in this JVM. */
  public static long aborts(String clusterId) {
    AtomicLong n = ABORTS.get(clusterId);
    return n == null ? 0 : n.get();
  }

  /** How many instances of the cluster are monitored now; for tests and diagnostics. */
  public static long activeMonitors(String clusterId) {
    return MONITORS.keySet().stream().filter(k -> k.startsWith(clusterId + "|")).count();
  }

  private static String key(String clusterId, HostSpec host) {
    return clusterId + "|" + host.hostAndPort();
  }
}

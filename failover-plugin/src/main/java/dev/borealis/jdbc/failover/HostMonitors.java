package dev.borealis.jdbc.failover;

import dev.borealis.jdbc.spi.HostSpec;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live monitors, one per cluster and instance: started by the first connection on the instance, stopped when
 * the last one leaves. Registration and removal are atomic per instance, so an instance never has two monitors.
 */
public final class HostMonitors {

  private static final Map<String, HostMonitor> MONITORS = new ConcurrentHashMap<>();

  private HostMonitors() {
  }

  static void watch(String clusterId, HostSpec host, Connection physical, MonitorSettings settings,
      HostMonitor.Opener opener) {
    MONITORS.compute(key(clusterId, host), (k, m) -> {
      HostMonitor monitor = m;
      if (monitor == null) {
        monitor = new HostMonitor(clusterId, host, settings, opener);
        monitor.start();
      }
      monitor.watch(physical);
      return monitor;
    });
  }

  static void unwatch(String clusterId, HostSpec host, Connection physical) {
    MONITORS.computeIfPresent(key(clusterId, host), (k, m) -> {
      if (m.unwatch(physical)) {
        m.stop();
        return null;
      }
      return m;
    });
  }

  /** How many instances of the cluster are monitored now; for tests and diagnostics. */
  public static long activeMonitors(String clusterId) {
    return MONITORS.keySet().stream().filter(k -> k.startsWith(clusterId + "|")).count();
  }

  private static String key(String clusterId, HostSpec host) {
    return clusterId + "|" + host.hostAndPort();
  }
}

package dev.borealis.jdbc.customendpoint;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One {@link EndpointMonitor} per (info URL, endpoint), counted by the connections using it: the first acquire starts
 * it, the last release stops it, so no thread outlives the connections (the AWS wrapper's monitors linger until an
 * expiry instead). The first connection's settings (refresh rate, token file) are the monitor's.
 */
final class EndpointMonitors {

  private static final Map<String, Entry> MONITORS = new HashMap<>();

  private static final class Entry {
    final EndpointMonitor monitor;
    int users;

    Entry(EndpointMonitor monitor) {
      this.monitor = monitor;
    }
  }

  private EndpointMonitors() {
  }

  static EndpointMonitor acquire(String key, Supplier<EndpointMonitor> create) {
    synchronized (MONITORS) {
      Entry entry = MONITORS.get(key);
      if (entry == null) {
        entry = new Entry(create.get());
        entry.monitor.start();
        MONITORS.put(key, entry);
      }
      entry.users++;
      return entry.monitor;
    }
  }

  static void release(String key) {
    EndpointMonitor stopping = null;
    synchronized (MONITORS) {
      Entry entry = MONITORS.get(key);
      if (entry != null && --entry.users == 0) {
        MONITORS.remove(key);
        stopping = entry.monitor;
      }
    }
    if (stopping != null) {
      stopping.stop();
    }
  }

  /** Number of running monitors (tests). */
  static int running() {
    synchronized (MONITORS) {
      return MONITORS.size();
    }
  }
}

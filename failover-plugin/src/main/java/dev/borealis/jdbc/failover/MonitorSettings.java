package dev.borealis.jdbc.failover;

import dev.borealis.jdbc.config.BorealisConfig;

/** Failure-monitoring settings; a host's monitor keeps those of the connection that started it. */
record MonitorSettings(long graceMs, long intervalMs, int failureCount, long timeoutMs) {

  static MonitorSettings of(BorealisConfig config) {
    return new MonitorSettings(config.get(FailoverProperties.MONITOR_GRACE_MS),
        config.get(FailoverProperties.MONITOR_INTERVAL_MS),
        config.get(FailoverProperties.MONITOR_COUNT).intValue(),
        config.get(FailoverProperties.MONITOR_TIMEOUT_MS));
  }
}

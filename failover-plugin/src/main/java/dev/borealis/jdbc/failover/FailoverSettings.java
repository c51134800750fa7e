package dev.borealis.jdbc.failover;

import dev.borealis.jdbc.config.BorealisConfig;

/** The failover plugin's settings for one logical connection, read once. */
record FailoverSettings(long timeoutMs, long breakerOpenMs, WriterSearch.Settings search) {

  /**
   * How long a failover may spend opening one connection to a chosen instance: the probe timeout, cut to what is
   * left before {@code deadlineNanos} (at least 1 ms), so a silent instance cannot outlast the failover.
   */
  long connectBoundMs(long deadlineNanos) {
    long left = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    return Math.max(1, Math.min(search.probeTimeoutMs(), left));
  }

  static FailoverSettings of(BorealisConfig config) {
    long interval = config.get(FailoverProperties.FAILOVER_READ_INTERVAL_MS);
    return new FailoverSettings(config.get(FailoverProperties.FAILOVER_TIMEOUT_MS),
        config.get(FailoverProperties.FAILOVER_HOST_BREAKER_OPEN_MS),
        new WriterSearch.Settings(config.get(FailoverProperties.FAILOVER_PROBE_TIMEOUT_MS), interval,
            Math.max(interval, config.get(FailoverProperties.FAILOVER_READ_MAX_INTERVAL_MS))));
  }
}

package dev.borealis.jdbc.failover;

import dev.borealis.jdbc.config.BorealisConfig;

/** The failover plugin's settings for one logical connection, read once. */
record FailoverSettings(long timeoutMs, long breakerOpenMs, WriterSearch.Settings search) {

  static FailoverSettings of(BorealisConfig config) {
    long interval = config.get(FailoverProperties.FAILOVER_READ_INTERVAL_MS);
    return new FailoverSettings(config.get(FailoverProperties.FAILOVER_TIMEOUT_MS),
        config.get(FailoverProperties.FAILOVER_HOST_BREAKER_OPEN_MS),
        new WriterSearch.Settings(config.get(FailoverProperties.FAILOVER_PROBE_TIMEOUT_MS), interval,
            Math.max(interval, config.get(FailoverProperties.FAILOVER_READ_MAX_INTERVAL_MS))));
  }
}

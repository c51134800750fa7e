package dev.borealis.jdbc.failover;

import dev.borealis.jdbc.config.Property;
import java.util.List;
import java.util.Set;

/** The failover and failure-monitoring plugins' properties; {@code docs/failover-properties.md} is generated here. */
public final class FailoverProperties {

  public static final Property<String> FAILOVER_MODE = Property.oneOf("failoverMode", null,
      Set.of("strict-writer", "reader-or-writer", "strict-reader"),
      "Where a lost connection goes: `strict-writer` (only the verified writer), `reader-or-writer` (another reader, "
          + "else the writer), `strict-reader` (readers only). Unset: `reader-or-writer` for an Aurora reader "
          + "or custom endpoint, `strict-writer` otherwise. A connection lost while on a reader (read/write splitting) moves "
          + "to another reader, falling back to the writer in every mode but `strict-reader`.");

  public static final Property<Long> FAILOVER_TIMEOUT_MS = Property.integer("failoverTimeoutMs", 30_000, 100,
      3_600_000, "How long a failover (and a connect while the writer is down) looks for a new instance before "
          + "failing with SQLSTATE 08001, in milliseconds. For a connect it counts from the application's "
          + "`connect()` call, across every URL host and every retry of the plugins before it (one deadline, "
          + "not one per attempt); configuration errors (authentication, TLS verification, a wrong protocol) "
          + "are not retried.");

  public static final Property<Long> FAILOVER_READ_INTERVAL_MS = Property.integer("failoverTopologyReadIntervalMs",
      50, 10, 10_000, "First pause between rounds of topology reads during a writer search; it grows by half each "
          + "round up to `failoverTopologyReadMaxIntervalMs`.");

  public static final Property<Long> FAILOVER_READ_MAX_INTERVAL_MS = Property.integer(
      "failoverTopologyReadMaxIntervalMs", 100, 10, 60_000,
      "Longest pause between rounds of topology reads during a writer search, in milliseconds. It bounds how long "
          + "after a promotion the search notices the new writer; each round opens one short connection per "
          + "instance, shared by every connection of the cluster.");

  public static final Property<Long> FAILOVER_PROBE_TIMEOUT_MS = Property.integer("failoverProbeTimeoutMs", 1_000,
      100, 60_000, "Connect and read timeout of the connections a writer search opens to each instance, and the "
          + "longest a failover waits to open its new connection to the instance it picked; a silent instance costs "
          + "at most this per attempt (PostgreSQL rounds connect timeouts up to whole seconds).");

  public static final Property<Long> FAILOVER_HOST_BREAKER_OPEN_MS = Property.integer("failoverHostBreakerOpenMs",
      1_000, 0, 600_000, "After two failed probes in a row an instance is skipped by writer searches for this long "
          + "(a circuit breaker per instance, shared by every connection to the cluster).");

  public static final Property<Long> MONITOR_GRACE_MS = Property.integer("failureDetectionGraceMs", 0, 0,
      3_600_000, "A connection younger than this is not aborted when failure monitoring finds its instance dead.");

  public static final Property<Long> MONITOR_INTERVAL_MS = Property.integer("failureDetectionIntervalMs", 300, 10,
      3_600_000, "Pause between the probes of an instance's failure monitor, in milliseconds.");

  public static final Property<Long> MONITOR_COUNT = Property.integer("failureDetectionCount", 2, 1, 100,
      "Failed probes in a row after which the instance counts as dead and its connections are aborted.");

  public static final Property<Long> MONITOR_TIMEOUT_MS = Property.integer("failureDetectionTimeoutMs", 500, 50,
      60_000, "How long one probe may wait for the instance's answer before it counts as failed (opening the "
          + "probe's connection after a miss: twice this, at least one second). A probe query that failed after more "
          + "than twice this (the JVM itself stalled: GC, starved CPU) is not counted. A miss on the writer also asks "
          + "a writer search whether the cluster promoted another instance; if it did, the writer's connections are "
          + "aborted at once, without waiting for `failureDetectionCount`.");

  private FailoverProperties() {
  }

  static List<Property<?>> failover() {
    return List.of(FAILOVER_MODE, FAILOVER_TIMEOUT_MS, FAILOVER_READ_INTERVAL_MS, FAILOVER_READ_MAX_INTERVAL_MS,
        FAILOVER_PROBE_TIMEOUT_MS, FAILOVER_HOST_BREAKER_OPEN_MS);
  }

  static List<Property<?>> monitoring() {
    return List.of(MONITOR_GRACE_MS, MONITOR_INTERVAL_MS, MONITOR_COUNT, MONITOR_TIMEOUT_MS);
  }
}

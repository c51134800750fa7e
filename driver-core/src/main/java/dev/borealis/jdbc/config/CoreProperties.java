package dev.borealis.jdbc.config;

import java.util.List;
import java.util.Set;

/** The properties core reads. {@code docs/properties.md} is checked against this list by a test. */
public final class CoreProperties {

  public static final Property<String> WRAPPER_PLUGINS = Property.string("wrapperPlugins", null,
      "Comma-separated codes of the plugins to load, e.g. `initialConnection,readWriteSplitting`. Unset: every "
          + "plugin on the class path that is enabled by default (`initialConnection`, `connectionTracker` and "
          + "`readWriteSplitting` in core). Empty: no plugins.",
      "a comma-separated list of plugin codes (letters, digits, '-', '_')", "|[A-Za-z0-9_-]+( *, *[A-Za-z0-9_-]+)*");

  public static final Property<String> DIALECT = Property.string("dialect", null,
      "Dialect code (`aurora-mysql`, `rds-multi-az-mysql`, `mysql`, `aurora-postgresql`, `rds-multi-az-postgresql`, "
          + "`postgresql`). Unset: detected on the first connection, most specific first.",
      "a dialect code (letters, digits, '-')", "[A-Za-z0-9-]+");

  public static final Property<String> CLUSTER_ID = Property.string("clusterId", null,
      "Identifies the cluster whose topology connections share. Unset: derived from the URL's hosts.",
      "a non-empty identifier without spaces", "\\S+");

  public static final Property<String> CLUSTER_INSTANCE_HOST_PATTERN = Property.string("clusterInstanceHostPattern",
      null, "How an instance id becomes a hostname: `?` is replaced by the id, e.g. `?.abc123.us-east-1.rds.amazonaws"
          + ".com` or `?.example.test:3307`. Unset: derived from an Aurora-style cluster endpoint in the URL "
          + "(`name.cluster-abc123.domain` gives `instance.abc123.domain`), else the instance id itself.",
      "a host pattern containing exactly one '?', optionally followed by ':port'",
      "[^?:/\\s]*\\?[^?:/\\s]*(:[0-9]{1,5})?");

  public static final Property<String> CLUSTER_INSTANCE_HOST_MAP = Property.string("clusterInstanceHostMap", "",
      "Hosts for individual instance ids, `id=host[:port],…`; wins over `clusterInstanceHostPattern` for the ids it "
          + "lists. For clients that reach instances by IP address because they cannot resolve the instances' names.",
      "a list of id=host or id=host:port pairs",
      "|[^=,\\s]+=[^=,:\\s]+(:[0-9]{1,5})?(,[^=,\\s]+=[^=,:\\s]+(:[0-9]{1,5})?)*");

  public static final Property<Long> TOPOLOGY_REFRESH_MS = Property.integer("clusterTopologyRefreshRateMs", 30_000,
      50, 3_600_000, "How often the cluster's refresh thread re-reads the topology, in milliseconds.");

  public static final Property<String> READER_SELECTOR = Property.oneOf("readerHostSelectorStrategy", "random",
      Set.of("random", "roundRobin", "leastConnections", "fastestResponse", "lowestLag"),
      "How read/write splitting picks a reader: `random`; `roundRobin` (weighted by `roundRobinHostWeightPairs`); "
          + "`leastConnections` (fewest Borealis connections on it from this JVM); `fastestResponse` (lowest moving "
          + "average connect time); `lowestLag` (lowest replica lag).");

  public static final Property<String> HOST_WEIGHTS = Property.string("roundRobinHostWeightPairs", "",
      "Weights for `roundRobin`: `instanceId:weight,…`; instances not listed weigh 1.",
      "a list of instanceId:weight pairs with weights from 1 to 999",
      "|[^:,\\s]+:[1-9][0-9]{0,2}(,[^:,\\s]+:[1-9][0-9]{0,2})*");

  public static final Property<Long> MAX_REPLICA_LAG_MS = Property.integer("maxReplicaLagMs", 0, 0, 86_400_000,
      "A reader whose replica lag exceeds this gets no new connections from read/write splitting, whatever the "
          + "strategy. 0: no bound. When no reader qualifies, see `readerFallbackToWriter`.");

  public static final Property<Boolean> READER_FALLBACK_TO_WRITER = Property.bool("readerFallbackToWriter", true,
      "When `setReadOnly(true)` finds no reader (none exists, none reachable, all over `maxReplicaLagMs`): true "
          + "keeps the connection on the writer (logged); false fails with SQLSTATE 08001.");

  public static final Property<Long> INITIAL_CONNECTION_TIMEOUT_MS = Property.integer("initialConnectionTimeoutMs",
      30_000, 0, 600_000, "How long the initial-connection plugin keeps looking for an instance in the role the "
          + "endpoint promises (stale DNS after a failover), in milliseconds, counted from the application's "
          + "`connect()` call (the same start `failoverTimeoutMs` counts from, so the two waits overlap, not add).");

  public static final Property<Long> INITIAL_CONNECTION_RETRY_MS = Property.integer(
      "initialConnectionRetryIntervalMs", 500, 10, 60_000,
      "Pause between the initial-connection plugin's topology re-reads while it waits for a verified instance.");

  private CoreProperties() {
  }

  public static List<Property<?>> all() {
    return List.of(WRAPPER_PLUGINS, DIALECT, CLUSTER_ID, CLUSTER_INSTANCE_HOST_PATTERN, CLUSTER_INSTANCE_HOST_MAP,
        TOPOLOGY_REFRESH_MS,
        READER_SELECTOR, HOST_WEIGHTS, MAX_REPLICA_LAG_MS, READER_FALLBACK_TO_WRITER,
        INITIAL_CONNECTION_TIMEOUT_MS, INITIAL_CONNECTION_RETRY_MS);
  }
}

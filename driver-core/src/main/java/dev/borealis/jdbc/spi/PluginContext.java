package dev.borealis.jdbc.spi;

import dev.borealis.jdbc.config.BorealisConfig;
import dev.borealis.jdbc.selection.HostSelector;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * What a plugin may see and do on its logical connection. Deliberately small: anything more belongs in a plugin.
 */
public interface PluginContext {

  BorealisConfig config();

  /** The id of the cluster this connection belongs to (shared state is keyed by it). */
  String clusterId();

  /** The detected (or configured) dialect; available once the first physical connection is open. */
  Dialect dialect();

  /** The cluster's last known topology (shared by every connection to the cluster). */
  Topology topology();

  /** Reads the topology now and returns it; listeners hear about changes. */
  Topology refreshTopology() throws SQLException;

  /**
   * Reads the topology through {@code conn} (a connection the caller owns, e.g. a failover probe) instead of the
   * cluster's own connection, publishes it to every connection of the cluster and returns it. Does not wait for a
   * background refresh in progress, so a refresh stuck on a dead host cannot hold up a failover.
   */
  Topology refreshTopologyWith(Connection conn) throws SQLException;

  /** Has the cluster's refresh thread re-read the topology every {@code intervalMs} for {@code durationMs}. */
  void refreshTopologyFastFor(long durationMs, long intervalMs);

  HostSpec currentHost();

  /** Whether the application closed (or aborted) this logical connection. */
  boolean isClosed();

  /** The physical connection calls currently go to. */
  Connection currentConnection();

  /**
   * Opens a new physical connection to {@code host} through the plugins' connect hooks (without installing it).
   * The caller owns the result.
   */
  Connection connect(HostSpec host) throws SQLException;

  /**
   * Like {@link #connect(HostSpec)}, but opening the connection (TCP connect, login, the dialect's first queries)
   * may take about {@code timeoutMs} at most, so a silent host cannot stall a failover; the connection's read
   * timeout is then put back to what the target properties say.
   */
  Connection connect(HostSpec host, long timeoutMs) throws SQLException;

  /**
   * Opens a physical connection to {@code host} for the driver's own use (a probe), bypassing the plugins and
   * untracked by the logical connection, with opening it and every read on it bounded by {@code timeoutMs}
   * (rounded up to the target driver's unit). The caller owns it.
   */
  Connection connectDirect(HostSpec host, long timeoutMs) throws SQLException;

  /**
   * Makes {@code physical} the logical connection's current connection: copies the tracked session state onto it
   * and tells every plugin. The previous physical connection stays open; whoever opened it closes it.
   */
  void switchConnection(Connection physical, HostSpec host) throws SQLException;

  /** The selector named by {@code readerHostSelectorStrategy}, shared per cluster. */
  HostSelector readerSelector();

  /** Whether the application's session is read-only ({@code setReadOnly}) as tracked by the driver. */
  boolean readOnly();

  /** Whether autocommit is on as tracked by the driver. */
  boolean autoCommit();

  /**
   * Whether a transaction is open: autocommit is off and a statement ran since the last commit, rollback or
   * autocommit change. Tracked by the wrappers without intercepting calls.
   */
  boolean inTransaction();

  /**
   * Narrows what {@link #topology()}, {@link #refreshTopology()} and {@link #refreshTopologyWith} answer on this
   * logical connection to {@code view} of the cluster's topology (a custom endpoint's members, say), so that every
   * plugin choosing a host (read/write splitting, failover, initial connection) stays inside it. One view per
   * connection; {@link java.util.function.UnaryOperator#identity()} lifts it. The shared cluster topology and
   * {@link Plugin#hostListChanged} events stay whole.
   */
  default void restrictTopology(java.util.function.UnaryOperator<Topology> view) {
    throw new UnsupportedOperationException(getClass().getName() + " cannot restrict its topology");
  }
}

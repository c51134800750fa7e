package dev.borealis.jdbc.connection;

import dev.borealis.jdbc.ConnectionConfigurationException;
import dev.borealis.jdbc.config.BorealisConfig;
import dev.borealis.jdbc.config.CoreProperties;
import dev.borealis.jdbc.pipeline.Pipeline;
import dev.borealis.jdbc.selection.HostSelector;
import dev.borealis.jdbc.spi.CredentialSource;
import dev.borealis.jdbc.spi.Dialect;
import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.spi.Plugin;
import dev.borealis.jdbc.spi.PluginContext;
import dev.borealis.jdbc.spi.PluginFactory;
import dev.borealis.jdbc.spi.TargetEngine;
import dev.borealis.jdbc.spi.Topology;
import dev.borealis.jdbc.topology.ClusterRegistry;
import dev.borealis.jdbc.topology.ClusterTopology;
import dev.borealis.jdbc.wrapper.ConnectionWrapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What stands behind one application Connection: the current physical connection and its host, the plugins, the
 * session state, and the cluster it belongs to. States: open (a physical connection is current) and closed (after
 * {@code close()}/{@code abort()}; the cluster has been released, the plugins closed).
 */
public final class LogicalConnection implements PluginContext, ClusterTopology.Listener {

  /** What this connection's plugins see of the cluster's topology ({@link #restrictTopology}). */
  private volatile java.util.function.UnaryOperator<Topology> view = java.util.function.UnaryOperator.identity();

  private static final Logger LOG = Logger.getLogger(LogicalConnection.class.getName());

  private final BorealisConfig config;
  private final ClusterTopology cluster;
  private final TargetEngine engine;
  private final String database;
  private final Pipeline pipeline;
  /** A plugin's credentials for every physical connection, or null for the URL's own. */
  private final CredentialSource credentials;
  private final SessionState session = new SessionState();
  private final ConnectionWrapper app;
  /** Which host each physical connection we opened points at, since a plugin may have redirected it. */
  private final Map<Connection, HostSpec> openedHosts = Collections.synchronizedMap(new WeakHashMap<>());
  private volatile Connection physical;
  private volatile HostSpec host;
  private volatile boolean closed;
  /** A statement ran since the last commit, rollback or autocommit change; plain field: one thread uses a connection. */
  private boolean statementRan;

  private LogicalConnection(BorealisConfig config, ClusterTopology cluster, TargetEngine engine, String database,
      List<PluginFactory> factories, CredentialSource credentials) {
    this.config = config;
    this.credentials = credentials;
    this.cluster = cluster;
    this.engine = engine;
    this.database = database;
    List<Plugin> plugins = new ArrayList<>();
    for (PluginFactory f : factories) {
      plugins.add(f.create(this));
    }
    this.pipeline = new Pipeline(plugins, this);
    this.app = new ConnectionWrapper(this);
  }

  /** Opens the first physical connection, trying the URL's hosts in order; factories come in chain order. */
  static LogicalConnection open(BorealisConfig config, ClusterTopology cluster, TargetEngine engine, String database,
      List<HostSpec> urlHosts, List<PluginFactory> factories, CredentialSource credentials) throws SQLException {
    LogicalConnection lc = new LogicalConnection(config, cluster, engine, database, factories, credentials);
    List<String> failures = new ArrayList<>();
    SQLException last = null;
    long start = System.nanoTime();
    for (HostSpec h : urlHosts) {
      try {
        Connection c = lc.pipeline.connect(h, true, 0, start, lc::openPhysical);
        lc.install(c, h);
        cluster.addListener(lc);
        return lc;
      } catch (SQLException e) {
        if (!isConnectivity(e)) {
          lc.pipeline.close();
          throw e;
        }
        failures.add(h.hostAndPort() + ": " + e.getMessage());
        last = e;
      }
    }
    lc.pipeline.close();
    throw new SQLException("cluster " + cluster.id() + ": could not connect to any of " + urlHosts.size()
        + " URL hosts " + failures, "08001", last);
  }

  /** Another URL host may answer; a configuration error (a refused password, TLS) would fail there too. */
  private static boolean isConnectivity(SQLException e) {
    return (e.getSQLState() == null || e.getSQLState().startsWith("08")) && !ConnectionConfigurationException.isIn(e);
  }

  /**
   * The last step of every connect chain. Opens a physical connection; with {@code boundMs > 0} the connect, the login and the cluster's first queries
   * on it are bounded by about that long, after which the read timeout the application configured is restored.
   */
  private Connection openPhysical(HostSpec target, long boundMs) throws SQLException {
    long start = System.nanoTime();
    Connection c;
    java.util.Properties props = targetProperties(target);
    if (boundMs > 0) {
      props.putAll(engine.boundedConnect(boundMs));
    }
    try {
      c = engine.connect(target, database, props);
    } catch (SQLException e) {
      throw ConnectFailures.describe(target, e);
    }
    cluster.stats().recordResponse(target, System.nanoTime() - start);
    prepareCluster(c);
    if (boundMs > 0 && !engine.boundedConnect(boundMs).isEmpty()) {
      restoreReadTimeout(c);
    }
    openedHosts.put(c, target);
    return c;
  }

  /** The URL's target properties, with the credentials plugin's user and password for {@code target}. */
  private java.util.Properties targetProperties(HostSpec target) throws SQLException {
    java.util.Properties props = config.newTargetProperties();
    if (credentials != null) {
      credentials.apply(target, props);
    }
    return props;
  }

  private void restoreReadTimeout(Connection c) throws SQLException {
    try {
      c.setNetworkTimeout(Runnable::run, engine.readTimeoutMs(config.targetProperties()));
    } catch (SQLException e) {
      closeQuietly(c);
      throw e;
    }
  }

  /**
   * The first connection to a cluster detects its dialect and reads its topology through this connection; so does
   * the first after the cluster sat unused.
   */
  private void prepareCluster(Connection c) throws SQLException {
    try {
      Dialect d = cluster.dialect(c);
      if (cluster.isStale()) {
        // Plain replication probes every URL host with connections of its own.
        cluster.refreshWith(c);
      }
    } catch (SQLException e) {
      if ("HY024".equals(e.getSQLState())) {
        closeQuietly(c);
        throw e;
      }
      LOG.log(Level.FINE, e, () -> "cluster " + cluster.id() + ": first topology read failed");
    }
  }

  private void install(Connection c, HostSpec requested) throws SQLException {
    HostSpec actual = resolveInstance(c, openedHosts.getOrDefault(c, requested));
    HostSpec previous = host;
    if (previous != null) {
      session.applyTo(c);
    }
    physical = c;
    host = actual;
    cluster.stats().moved(previous, actual);
    pipeline.connectionChanged(previous, actual);
  }

  /**
   * A connection through a cluster endpoint is not in the topology under that name; ask the server which instance
   * it is, so roles, counts and the tracker see the instance.
   */
  private HostSpec resolveInstance(Connection c, HostSpec address) {
    HostSpec known = cluster.resolve(address);
    Dialect d = cluster.dialect();
    if (known.role() != dev.borealis.jdbc.spi.HostRole.UNKNOWN || d == null || !d.topologyFromServer()) {
      return known;
    }
    try {
      String id = d.instanceId(c);
      return cluster.topology().hosts().stream().filter(h -> id != null && id.equalsIgnoreCase(h.instanceId()))
          .findFirst().orElse(known);
    } catch (SQLException e) {
      LOG.finer(() -> "instance id of " + address.hostAndPort() + " unknown: " + e.getMessage());
      return known;
    }
  }

  // ---- what the wrappers use -----------------------------------------------------------------------------

  public Pipeline pipeline() {
    return pipeline;
  }

  public Connection physical() {
    return physical;
  }

  public Connection appConnection() {
    return app;
  }

  public SessionState session() {
    return session;
  }

  public boolean isClosed() {
    return closed;
  }

  /** Called by every statement execute method before it runs (a failed statement still opens a transaction). */
  public void statementRan() {
    statementRan = true;
  }

  public void transactionBoundary() {
    statementRan = false;
  }

  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      release();
    } finally {
      physical.close();
    }
  }

  public void abort(Executor executor) throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      release();
    } finally {
      physical.abort(executor);
    }
  }

  private void release() {
    cluster.removeListener(this);
    pipeline.close();
    cluster.stats().moved(host, null);
    ClusterRegistry.release(cluster);
  }

  // ---- PluginContext -------------------------------------------------------------------------------------

  @Override
  public BorealisConfig config() {
    return config;
  }

  @Override
  public String clusterId() {
    return cluster.id();
  }

  @Override
  public Dialect dialect() {
    return cluster.dialect();
  }

  @Override
  public Topology topology() {
    return view.apply(cluster.topology());
  }

  @Override
  public Topology refreshTopology() throws SQLException {
    return view.apply(cluster.refresh());
  }

  @Override
  public Topology refreshTopologyWith(Connection conn) throws SQLException {
    return view.apply(cluster.refreshThrough(conn));
  }

  @Override
  public void restrictTopology(java.util.function.UnaryOperator<Topology> restriction) {
    view = java.util.Objects.requireNonNull(restriction, "restriction");
  }

  @Override
  public Connection connectDirect(HostSpec target, long timeoutMs) throws SQLException {
    java.util.Properties props = targetProperties(target);
    props.putAll(engine.boundedConnect(timeoutMs));
    Connection c;
    try {
      c = engine.connect(target, database, props);
    } catch (SQLException e) {
      throw ConnectFailures.describe(target, e);
    }
    try {
      // The connect-time bound is whole seconds on some drivers; reads get the exact one.
      c.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, timeoutMs));
    } catch (SQLException e) {
      closeQuietly(c);
      throw e;
    }
    return c;
  }

  @Override
  public void refreshTopologyFastFor(long durationMs, long intervalMs) {
    cluster.refreshFastFor(durationMs, intervalMs);
  }

  @Override
  public HostSpec currentHost() {
    return host;
  }

  @Override
  public Connection currentConnection() {
    return physical;
  }

  @Override
  public Connection connect(HostSpec target) throws SQLException {
    return pipeline.connect(target, false, 0, this::openPhysical);
  }

  @Override
  public Connection connect(HostSpec target, long timeoutMs) throws SQLException {
    return pipeline.connect(target, false, timeoutMs, this::openPhysical);
  }

  @Override
  public void switchConnection(Connection c, HostSpec target) throws SQLException {
    if (c != physical) {
      install(c, target);
    }
  }

  @Override
  public HostSelector readerSelector() {
    return cluster.selector(config.get(CoreProperties.READER_SELECTOR));
  }

  @Override
  public boolean readOnly() {
    return session.readOnly();
  }

  @Override
  public boolean autoCommit() {
    return session.autoCommit();
  }

  @Override
  public boolean inTransaction() {
    return statementRan && !session.autoCommit();
  }

  /** The host a physical connection opened by this logical connection points at, or null. */
  public HostSpec hostOf(Connection c) {
    return openedHosts.get(c);
  }

  public ClusterTopology cluster() {
    return cluster;
  }

  @Override
  public void hostListChanged(Topology previous, Topology current) {
    HostSpec h = host;
    if (h != null) {
      host = current.find(h).orElse(h);
    }
    pipeline.hostListChanged(previous, current);
  }

  static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      LOG.finer(() -> "close failed: " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "BorealisConnection[" + cluster.id() + " on " + host + (closed ? ", closed" : "") + "]";
  }
}

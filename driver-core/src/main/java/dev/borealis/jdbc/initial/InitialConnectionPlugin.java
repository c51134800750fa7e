package dev.borealis.jdbc.initial;

import dev.borealis.jdbc.ConnectionConfigurationException;
import dev.borealis.jdbc.config.CoreProperties;
import dev.borealis.jdbc.selection.HostSelectors;
import dev.borealis.jdbc.spi.ConnectChain;
import dev.borealis.jdbc.spi.Dialect;
import dev.borealis.jdbc.spi.HostRole;
import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.spi.JdbcMethod;
import dev.borealis.jdbc.spi.Plugin;
import dev.borealis.jdbc.spi.PluginContext;
import dev.borealis.jdbc.spi.Topology;
import dev.borealis.jdbc.topology.AuroraEndpoints;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * After a failover the cluster endpoint's DNS keeps naming the old writer for a while (Aurora's TTL is 5 s, client
 * caches make it ~30 s), so a first connection through it can land on a reader. This plugin checks the role the
 * endpoint promises (cluster endpoint: writer; reader endpoint: a reader when the cluster has one) and, when it is
 * wrong, connects to the instance the topology names instead, re-reading the topology until one verifies or
 * {@code initialConnectionTimeoutMs} passes. Aurora instance endpoints are left alone; with plain replication (no
 * endpoints, the URL lists the hosts) a connection that landed on a standby moves to the writer.
 */
final class InitialConnectionPlugin implements Plugin {

  static final String CODE = "initialConnection";
  private static final Logger LOG = Logger.getLogger(InitialConnectionPlugin.class.getName());
  /** The reader endpoint rotates over the readers (one may be rebooting too), so it gets a few tries. */
  private static final int SIBLING_ATTEMPTS = 3;

  private final PluginContext context;

  InitialConnectionPlugin(PluginContext context) {
    this.context = context;
  }

  @Override
  public String code() {
    return CODE;
  }

  @Override
  public Set<JdbcMethod> subscriptions() {
    return Set.of();
  }

  @Override
  public Connection connect(ConnectChain chain) throws SQLException {
    HostRole wanted = promisedRole(chain.host());
    if (!chain.initial()) {
      return chain.proceed(chain.host());
    }
    if (wanted == null) {
      return toReplicationWriter(chain, chain.proceed(chain.host()));
    }
    Connection first;
    try {
      first = chain.proceed(chain.host());
    } catch (SQLException e) {
      return afterRefusal(chain, wanted, e);
    }
    Dialect dialect = context.dialect();
    if (dialect == null || !dialect.topologyFromServer() || verified(dialect, first, wanted)) {
      return first;
    }
    closeQuietly(first);
    LOG.info(() -> chain.host().hostAndPort() + " resolved to an instance that is not a " + role(wanted)
        + " (stale DNS?); connecting to the instance the topology names");
    return connectVerified(chain, dialect, wanted);
  }

  /**
   * Stale DNS usually names the old writer while it reboots as a reader, so the endpoint refuses the connection
   * (PostgreSQL 57P03, MySQL 1053/08S01) rather than answering in the wrong role: when the cluster's topology is known,
   * connect to the instance it names instead of failing.
   */
  private Connection afterRefusal(ConnectChain chain, HostRole wanted, SQLException refused) throws SQLException {
    Dialect dialect = context.dialect();
    boolean connectivity = !ConnectionConfigurationException.isIn(refused)
        && (dialect != null ? dialect.isConnectionLost(refused) : isConnectivityState(refused));
    if (connectivity && dialect == null) {
      dialect = learnThroughSibling(chain);
    }
    if (dialect == null || !dialect.topologyFromServer() || !connectivity) {
      throw refused;
    }
    LOG.info(() -> chain.host().hostAndPort() + " refused the connection (" + refused.getSQLState()
        + "; stale DNS naming a rebooting instance?); connecting to the instance the topology names");
    try {
      return connectVerified(chain, dialect, wanted);
    } catch (SQLException e) {
      e.addSuppressed(refused);
      throw e;
    }
  }

  /**
   * Plain replication has no endpoints: the URL lists the hosts and the probe tells which one is the writer. A new
   * connection is read-write (JDBC's default), so when the first host that answered is a standby it moves to the
   * writer; without one (a standby-only URL) it stays.
   */
  private Connection toReplicationWriter(ConnectChain chain, Connection first) {
    Dialect dialect = context.dialect();
    if (dialect == null || dialect.topologyFromServer()) {
      return first;
    }
    Topology topology = context.topology();
    boolean onStandby = topology.find(chain.host()).map(h -> h.role() == HostRole.READER).orElse(false);
    Optional<HostSpec> writer = topology.writer();
    if (!onStandby || writer.isEmpty()) {
      return first;
    }
    try {
      Connection c = chain.proceed(writer.get());
      closeQuietly(first);
      return c;
    } catch (SQLException e) {
      LOG.warning(() -> chain.host().hostAndPort() + " is a standby and the writer " + writer.get().hostAndPort()
          + " refused a connection (" + e.getMessage() + "); staying on the standby");
      return first;
    }
  }

  /**
   * A JVM that has never reached the cluster has no topology to fall back on: a connection through the other
   * cluster-level endpoint (reader for writer, and back) detects the dialect and reads the topology, then is closed.
   * Returns the dialect, or null when the other endpoint did not answer either.
   */
  private Dialect learnThroughSibling(ConnectChain chain) {
    Optional<String> sibling = AuroraEndpoints.sibling(chain.host().host());
    if (sibling.isEmpty()) {
      return null;
    }
    HostSpec other = HostSpec.of(sibling.get(), chain.host().port());
    long deadline = chain.deadline(context.config().get(CoreProperties.INITIAL_CONNECTION_TIMEOUT_MS));
    // The first attempt runs even past the deadline (the plugins after this one waited it out on the endpoint): the
    // sibling may answer at once. Later ones only while time is left, so the tries never multiply the connect's wait.
    for (int attempt = 1; attempt <= SIBLING_ATTEMPTS && (attempt == 1 || System.nanoTime() - deadline < 0);
        attempt++) {
      try (Connection ignored = chain.proceed(other)) {
        LOG.info(() -> chain.host().hostAndPort() + " refused the connection and the cluster was unknown; read its "
            + "topology through " + other.hostAndPort());
        return context.dialect();
      } catch (SQLException e) {
        LOG.fine(() -> "cannot read the topology through " + other.hostAndPort() + ": " + e.getMessage());
        if (ConnectionConfigurationException.isIn(e)) {
          return null;
        }
      }
    }
    return null;
  }

  /**
   * Without a dialect to ask: class 08 (connection exception) or 57 (operator intervention: PostgreSQL's shutdown
   * and "cannot connect now" while an instance reboots). Authentication failures are not retried elsewhere.
   */
  private static boolean isConnectivityState(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("08") || state.startsWith("57"));
  }

  private static HostRole promisedRole(HostSpec host) {
    return switch (AuroraEndpoints.kind(host.host())) {
      case WRITER_ENDPOINT -> HostRole.WRITER;
      case READER_ENDPOINT -> HostRole.READER;
      default -> null;
    };
  }

  /** A reader endpoint points at the writer when the cluster has no readers; that is correct, not stale. */
  private boolean verified(Dialect dialect, Connection c, HostRole wanted) throws SQLException {
    boolean reader = dialect.isReader(c);
    if (wanted == HostRole.WRITER) {
      return !reader;
    }
    return reader || context.topology().readers().isEmpty();
  }

  private Connection connectVerified(ConnectChain chain, Dialect dialect, HostRole wanted) throws SQLException {
    long timeoutMs = context.config().get(CoreProperties.INITIAL_CONNECTION_TIMEOUT_MS);
    long retryMs = context.config().get(CoreProperties.INITIAL_CONNECTION_RETRY_MS);
    long deadline = chain.deadline(timeoutMs);
    SQLException last = null;
    Topology topology = context.topology();
    do {
      topology = refresh(topology);
      Optional<HostSpec> candidate = candidate(topology, wanted);
      if (candidate.isPresent()) {
        try {
          // bounded by what is left of this plugin's own deadline: a silent candidate must not outlast it
          long leftMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
          Connection c = chain.proceed(candidate.get(), leftMs);
          if (verified(dialect, c, wanted)) {
            return c;
          }
          closeQuietly(c);
        } catch (SQLException e) {
          if (ConnectionConfigurationException.isIn(e)) {
            throw e;
          }
          last = e;
        }
      }
    } while (pause(deadline, retryMs));
    throw new SQLException("cluster endpoint " + chain.host().hostAndPort() + ": no " + role(wanted)
        + " verified within " + timeoutMs + " ms (topology lists " + topology.readers().size() + " readers, "
        + (topology.writer().isPresent() ? 1 : 0) + " writers)", "08001", last);
  }

  private Topology refresh(Topology known) {
    try {
      return context.refreshTopology();
    } catch (SQLException e) {
      LOG.fine(() -> "topology refresh failed: " + e.getMessage());
      return known;
    }
  }

  private Optional<HostSpec> candidate(Topology topology, HostRole wanted) {
    if (wanted == HostRole.WRITER) {
      return topology.writer();
    }
    List<HostSpec> readers = HostSelectors.withinLag(topology.readers(),
        context.config().get(CoreProperties.MAX_REPLICA_LAG_MS));
    return readers.isEmpty() ? Optional.empty() : Optional.of(context.readerSelector().select(readers));
  }

  /** Waits {@code retryMs} unless that passes the deadline; returns whether to try again. */
  private static boolean pause(long deadline, long retryMs) {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      return false;
    }
    try {
      Thread.sleep(Math.min(retryMs, TimeUnit.NANOSECONDS.toMillis(left) + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return true;
  }

  private static String role(HostRole r) {
    return r == HostRole.WRITER ? "writer" : "reader";
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      LOG.finer(() -> "close failed: " + e.getMessage());
    }
  }
}

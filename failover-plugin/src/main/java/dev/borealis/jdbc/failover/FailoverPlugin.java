package dev.borealis.jdbc.failover;

import dev.borealis.jdbc.ConnectionConfigurationException;
import dev.borealis.jdbc.FailoverFailedException;
import dev.borealis.jdbc.FailoverSuccessException;
import dev.borealis.jdbc.TransactionStateUnknownException;
import dev.borealis.jdbc.spi.Chain;
import dev.borealis.jdbc.spi.ConnectChain;
import dev.borealis.jdbc.spi.Dialect;
import dev.borealis.jdbc.spi.HostRole;
import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.spi.JdbcMethod;
import dev.borealis.jdbc.spi.Plugin;
import dev.borealis.jdbc.spi.PluginContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Replaces a lost physical connection under the same logical connection. States: connected; failing over (the old
 * physical connection is aborted, a new instance is being found); connected again (08S02 or 08007 thrown so the
 * application re-runs its work); failed (08001, the next call may try again). At connect time it also refuses to
 * hand out a writer-mode connection on an instance that says it is read-only (stale DNS, a demoted writer).
 */
final class FailoverPlugin implements Plugin {

  static final String CODE = "failover";
  private static final Logger LOG = Logger.getLogger(FailoverPlugin.class.getName());
  private static final Set<JdbcMethod> SUBSCRIPTIONS = subscriptions(EnumSet.of(
      JdbcMethod.CONNECTION_COMMIT, JdbcMethod.CONNECTION_ROLLBACK, JdbcMethod.CONNECTION_SET_AUTO_COMMIT,
      JdbcMethod.CONNECTION_SET_TRANSACTION_ISOLATION, JdbcMethod.CONNECTION_SET_CATALOG,
      JdbcMethod.CONNECTION_SET_SCHEMA, JdbcMethod.CONNECTION_SET_READ_ONLY, JdbcMethod.CONNECTION_CREATE_STATEMENT,
      JdbcMethod.CONNECTION_PREPARE_STATEMENT, JdbcMethod.CONNECTION_PREPARE_CALL,
      JdbcMethod.CONNECTION_SET_SAVEPOINT, JdbcMethod.CONNECTION_RELEASE_SAVEPOINT,
      JdbcMethod.CONNECTION_GET_META_DATA, JdbcMethod.RESULT_SET_NEXT));

  private final PluginContext context;
  private final FailoverSettings settings;
  private FailoverMode mode;

  FailoverPlugin(PluginContext context) {
    this.context = context;
    this.settings = FailoverSettings.of(context.config());
  }

  /** Everything that talks to the server: statement executions plus the listed calls. */
  private static Set<JdbcMethod> subscriptions(EnumSet<JdbcMethod> base) {
    for (JdbcMethod m : JdbcMethod.values()) {
      if (m.executesSql()) {
        base.add(m);
      }
    }
    return Set.copyOf(base);
  }

  @Override
  public String code() {
    return CODE;
  }

  @Override
  public Set<JdbcMethod> subscriptions() {
    return SUBSCRIPTIONS;
  }

  @Override
  public Object intercept(Chain chain) throws SQLException {
    try {
      return chain.proceed();
    } catch (SQLException e) {
      if (!(needsFailover(e) || abortedUnderUs(e)) || staleObject(chain.target())) {
        throw e;
      }
      throw failover(e, chain.method());
    }
  }

  /**
   * The driver itself aborts physical connections (failure monitoring: a dead host; the connection tracker: a
   * demoted writer), and a target driver reports a statement cut short that way in its own words: Connector/J,
   * for one, says "The object is already closed" without a connection-class SQLSTATE. A failure while the
   * current physical connection is closed but the application's is not is a lost connection, whatever it says.
   */
  private boolean abortedUnderUs(SQLException e) {
    Connection physical = context.currentConnection();
    if (context.dialect() == null || physical == null || context.isClosed()
        || e instanceof FailoverSuccessException || e instanceof TransactionStateUnknownException) {
      return false;
    }
    try {
      return physical.isClosed();
    } catch (SQLException ignored) {
      return true;
    }
  }

  private boolean needsFailover(SQLException e) {
    Dialect d = context.dialect();
    if (d == null || e instanceof FailoverSuccessException || e instanceof TransactionStateUnknownException) {
      return false;
    }
    if (d.isConnectionLost(e)) {
      return true;
    }
    // A write refused as read-only in a writer session: the writer was demoted under us (whatever role the
    // topology gives the instance by now), so the session belongs on the new writer.
    return mode() == FailoverMode.STRICT_WRITER && !context.readOnly() && d.isReadOnlyError(e);
  }

  /**
   * A statement or result set from a physical connection that an earlier failover replaced fails as closed; failing
   * over again would not help it. The application must create a new statement.
   */
  private boolean staleObject(Object target) {
    try {
      Connection owner = target instanceof Statement s ? s.getConnection()
          : target instanceof ResultSet rs && rs.getStatement() != null ? rs.getStatement().getConnection() : null;
      return owner != null && owner != context.currentConnection();
    } catch (SQLException e) {
      return false;
    }
  }

  private SQLException failover(SQLException cause, JdbcMethod method) {
    boolean inTransaction = context.inTransaction();
    HostSpec lost = context.currentHost();
    Connection old = context.currentConnection();
    abortQuietly(old);
    long start = System.nanoTime();
    long deadline = start + TimeUnit.MILLISECONDS.toNanos(settings.timeoutMs());
    context.refreshTopologyFastFor(settings.timeoutMs(), settings.search().maxIntervalMs());
    Target target;
    try {
      target = toReaders(lost)
          ? readers().connect(lost, mode() != FailoverMode.STRICT_READER, deadline)
          : writer(lost, deadline);
      context.switchConnection(target.connection(), target.host());
    } catch (SQLException e) {
      e.addSuppressed(cause);
      return new FailoverFailedException("cluster " + context.clusterId() + ": " + method.displayName()
          + " lost its connection to " + lost.hostAndPort() + " and failover found no "
          + (lost.role() == HostRole.READER ? "instance" : "writer") + " within " + settings.timeoutMs()
          + " ms: " + e.getMessage(), e);
    }
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    String what = "cluster " + context.clusterId() + ": " + method.displayName() + " lost its connection to "
        + lost.hostAndPort() + "; failed over to " + target.host() + " in " + ms + " ms";
    LOG.info(what);
    return inTransaction
        ? new TransactionStateUnknownException(what + "; the transaction's outcome is unknown, replay it", cause)
        : new FailoverSuccessException(what + "; re-run the statement", cause);
  }

  /**
   * Strict-reader: readers only. Reader-or-writer: readers unless the writer was lost. Strict-writer: the writer,
   * except for a read-only session that sat on a reader (read/write splitting), which stays among readers.
   */
  private boolean toReaders(HostSpec lost) {
    return switch (mode()) {
      case STRICT_READER -> true;
      case READER_OR_WRITER -> lost.role() != HostRole.WRITER;
      case STRICT_WRITER -> context.readOnly() && lost.role() == HostRole.READER;
    };
  }

  private ReaderFailover readers() {
    return new ReaderFailover(context, settings, this::writer);
  }

  /** A new connection to the verified writer; never an instance that says it is read-only. */
  Target writer(HostSpec lost, long deadline) throws SQLException {
    ClusterFailover cluster = ClusterFailover.of(context.clusterId());
    boolean reuse = true;
    HostSpec avoid = lost;
    SQLException last = null;
    while (System.nanoTime() - deadline < 0) {
      HostSpec w = cluster.awaitWriter(context, settings.search(), settings.breakerOpenMs(), avoid, reuse, deadline);
      try {
        Connection c = context.connect(w, settings.connectBoundMs(deadline));
        if (!context.dialect().isReader(c)) {
          return new Target(c, w.withRole(HostRole.WRITER));
        }
        closeQuietly(c);
        last = new SQLException(w.hostAndPort() + " answered as a reader", "08001");
      } catch (SQLException e) {
        if (ConnectionConfigurationException.isIn(e)) {
          throw e;
        }
        last = e;
      }
      reuse = false;
      avoid = w;
    }
    throw last != null ? last : new SQLException("no writer before the deadline", "08001");
  }

  /**
   * Connect-time failover: the first connection of a writer-mode logical connection waits for a verified writer
   * when the URL's host is down or answers as a reader.
   */
  @Override
  public Connection connect(ConnectChain chain) throws SQLException {
    if (!chain.initial()) {
      return chain.proceed(chain.host());
    }
    if (mode == null) {
      mode = FailoverMode.of(context.config().get(FailoverProperties.FAILOVER_MODE), chain.host().host());
    }
    SQLException failure;
    try {
      Connection c = chain.proceed(chain.host());
      if (mode != FailoverMode.STRICT_WRITER || context.dialect() == null || !context.dialect().isReader(c)) {
        return c;
      }
      closeQuietly(c);
      failure = new SQLException(chain.host().hostAndPort() + " answered as a reader", "08001");
    } catch (SQLException e) {
      // A JVM that never reached the cluster has no dialect yet: the SQLSTATE class alone decides.
      Dialect d = context.dialect();
      if (mode == FailoverMode.STRICT_READER || ConnectionConfigurationException.isIn(e)
          || !(isConnectivity(e) || d != null && d.isConnectionLost(e))) {
        throw e;
      }
      failure = e;
    }
    String why = failure.getMessage();
    LOG.info(() -> "cluster " + context.clusterId() + ": " + chain.host().hostAndPort() + " is not a usable writer ("
        + why + "); waiting for the writer");
    // Counted from the start of the application's connect(): a plugin before this one that proceeds again (another
    // URL host, the sibling endpoint) gets what is left of the one wait, not a new one.
    return connectToWriter(chain, failure, chain.deadline(settings.timeoutMs()));
  }

  private Connection connectToWriter(ConnectChain chain, SQLException failure, long deadline)
      throws SQLException {
    ClusterFailover cluster = ClusterFailover.of(context.clusterId());
    HostSpec avoid = chain.host();
    boolean reuse = true;
    SQLException last = failure;
    while (System.nanoTime() - deadline < 0) {
      HostSpec w = null;
      try {
        w = cluster.awaitWriter(context, settings.search(), settings.breakerOpenMs(), avoid, reuse, deadline);
        // On the driver's account, like every failover connect: a silent instance must not outlast the failover
        // timeout (the application's own timeouts may be none at all, pgJDBC's default read timeout for one).
        Connection c = chain.proceed(w, settings.connectBoundMs(deadline));
        if (!context.dialect().isReader(c)) {
          return c;
        }
        closeQuietly(c);
        last = new SQLException(w.hostAndPort() + " answered as a reader", "08001");
      } catch (SQLException e) {
        if (ConnectionConfigurationException.isIn(e)) {
          throw e;
        }
        last = e;
      }
      // Whatever went wrong with this answer, the next one comes from a new search: re-offering a fresh cached
      // answer that just failed would retry the same dead host in a tight loop until the cache went stale.
      reuse = false;
      if (w != null) {
        avoid = w;
      }
    }
    FailoverFailedException failed = new FailoverFailedException("cluster " + context.clusterId()
        + ": no writer to connect to within " + settings.timeoutMs() + " ms: " + last.getMessage(), last);
    if (last != failure) {
      failed.addSuppressed(failure); // what made the connect wait: the search's last word may not say
    }
    throw failed;
  }

  private FailoverMode mode() {
    if (mode == null) {
      HostSpec h = context.currentHost();
      mode = FailoverMode.of(context.config().get(FailoverProperties.FAILOVER_MODE), h == null ? "" : h.host());
    }
    return mode;
  }

  /**
   * Class 08 (connection exception), or 57 (operator intervention: PostgreSQL's shutdown and "cannot connect now"
   * while an instance reboots); no SQLSTATE at all means the driver never got an answer.
   */
  private static boolean isConnectivity(SQLException e) {
    String state = e.getSQLState();
    return state == null || state.startsWith("08") || state.startsWith("57");
  }

  static void abortQuietly(Connection c) {
    try {
      c.abort(Runnable::run);
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.FINER, "abort failed", e);
    }
  }

  static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      LOG.finer(() -> "close failed: " + e.getMessage());
    }
  }

  /** A new physical connection and the instance it is on. */
  record Target(Connection connection, HostSpec host) {
  }

  /** Looks up the writer for a reader failover that falls back to it. */
  @FunctionalInterface
  interface WriterFinder {
    Target writer(HostSpec lost, long deadline) throws SQLException;
  }
}

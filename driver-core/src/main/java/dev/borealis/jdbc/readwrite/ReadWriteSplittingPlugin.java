package dev.borealis.jdbc.readwrite;

import dev.borealis.jdbc.config.CoreProperties;
import dev.borealis.jdbc.selection.HostSelectors;
import dev.borealis.jdbc.spi.Chain;
import dev.borealis.jdbc.spi.Dialect;
import dev.borealis.jdbc.spi.HostRole;
import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.spi.JdbcMethod;
import dev.borealis.jdbc.spi.Plugin;
import dev.borealis.jdbc.spi.PluginContext;
import dev.borealis.jdbc.spi.Topology;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Moves the logical connection between the writer and a reader on {@code setReadOnly}. States: on the writer, on a
 * reader; each side's physical connection is cached for the logical connection's life (re-opened if closed or if
 * its instance changed role). A switch inside a transaction ({@link PluginContext#inTransaction()}) is refused with SQLSTATE 25001, as JDBC forbids {@code setReadOnly} there; Spring's
 * {@code @Transactional(readOnly = true)} sets read-only before it turns autocommit off, so it is unaffected.
 */
final class ReadWriteSplittingPlugin implements Plugin {

  static final String CODE = "readWriteSplitting";
  private static final Logger LOG = Logger.getLogger(ReadWriteSplittingPlugin.class.getName());
  /** Only setReadOnly: statements run straight to the target (transaction state comes from the context). */
  private static final Set<JdbcMethod> SUBSCRIPTIONS = Set.of(JdbcMethod.CONNECTION_SET_READ_ONLY);

  private final PluginContext context;
  private Connection writer;
  private HostSpec writerHost;
  private Connection reader;
  private HostSpec readerHost;

  ReadWriteSplittingPlugin(PluginContext context) {
    this.context = context;
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
    route((Boolean) chain.args()[0]);
    return chain.proceed();
  }

  private void route(boolean readOnly) throws SQLException {
    HostSpec current = context.currentHost();
    boolean onReader = current.role() == HostRole.READER;
    if (readOnly == onReader || (readOnly && context.currentConnection() == reader && reader != null)) {
      return;
    }
    if (context.inTransaction()) {
      throw new SQLException("read/write splitting: cannot move to a " + (readOnly ? "reader" : "writer")
          + " inside a transaction on " + current.hostAndPort() + "; commit or roll back first", "25001");
    }
    remember(context.currentConnection(), current);
    if (readOnly) {
      toReader();
    } else {
      toWriter();
    }
  }

  private void remember(Connection c, HostSpec host) {
    if (host.role() == HostRole.READER) {
      reader = c;
      readerHost = host;
    } else {
      writer = c;
      writerHost = host;
    }
  }

  private void toReader() throws SQLException {
    if (reader != null && !usable(reader, readerHost, HostRole.READER)) {
      closeQuietly(reader);
      reader = null;
    }
    if (reader == null) {
      openReader();
    }
    if (reader != null) {
      context.switchConnection(reader, readerHost);
    }
  }

  private void openReader() throws SQLException {
    Topology topology = context.topology();
    long maxLag = context.config().get(CoreProperties.MAX_REPLICA_LAG_MS);
    List<HostSpec> candidates = new ArrayList<>(HostSelectors.withinLag(topology.readers(), maxLag));
    List<String> failures = new ArrayList<>();
    while (!candidates.isEmpty()) {
      HostSpec pick = context.readerSelector().select(candidates);
      try {
        reader = context.connect(pick);
        readerHost = pick;
        return;
      } catch (SQLException e) {
        failures.add(pick.hostAndPort() + ": " + e.getMessage());
        candidates.remove(pick);
      }
    }
    String why = "no reader available (topology lists " + topology.readers().size() + " readers"
        + (maxLag > 0 ? ", maxReplicaLagMs=" + maxLag : "") + (failures.isEmpty() ? "" : ", failed: " + failures)
        + ")";
    if (!context.config().get(CoreProperties.READER_FALLBACK_TO_WRITER)) {
      throw new SQLException("read/write splitting: " + why + " and readerFallbackToWriter=false", "08001");
    }
    LOG.warning(() -> "read/write splitting: " + why + "; staying on the writer " + context.currentHost());
  }

  /**
   * Back to the cached writer connection, or a new one. The cached one may have died while the logical connection
   * sat on a reader (the writer crashed and failed over; its socket is gone but nobody has used it since): then the
   * switch fails, and the writer is looked up afresh rather than surfacing the dead connection's error — a pool
   * resetting read-only when a connection is returned would otherwise hand that error to the application.
   */
  private void toWriter() throws SQLException {
    if (writer != null && !usable(writer, writerHost, HostRole.WRITER)) {
      closeQuietly(writer);
      writer = null;
    }
    if (writer != null) {
      try {
        context.switchConnection(writer, writerHost);
        return;
      } catch (SQLException e) {
        String was = writerHost.hostAndPort();
        LOG.fine(() -> "read/write splitting: cached writer connection to " + was + " failed on switch ("
            + e.getSQLState() + "); opening a new writer connection");
        closeQuietly(writer);
        writer = null;
        openWriter(refreshedWriter());
      }
    } else {
      openWriter(context.topology().writer().orElseGet(this::refreshedWriter));
    }
    context.switchConnection(writer, writerHost);
  }

  /**
   * A new connection to the writer the topology names, verified: the topology may still name a writer the cluster
   * has just demoted (a read-write session there would read a lagging replica and have its writes refused), so an
   * instance that answers as a reader sends us to the writer of a fresh topology read, once.
   */
  private void openWriter(HostSpec w) throws SQLException {
    HostSpec target = w;
    for (int attempt = 1; ; attempt++) {
      if (target == null) {
        throw new SQLException("read/write splitting: no writer in the topology " + context.topology().hosts(),
            "08001");
      }
      Connection c = context.connect(target);
      Dialect dialect = context.dialect();
      if (dialect == null || !dialect.isReader(c)) {
        writer = c;
        writerHost = target;
        return;
      }
      closeQuietly(c);
      if (attempt == 2) {
        throw new SQLException("read/write splitting: " + target.hostAndPort() + ", the writer in the topology, "
            + "answers as a reader (a failover in progress?)", "08001");
      }
      HostSpec demoted = target;
      LOG.info(() -> "read/write splitting: " + demoted.hostAndPort() + " answers as a reader; reading the "
          + "topology again for the writer");
      target = refreshedWriter();
    }
  }

  private HostSpec refreshedWriter() {
    try {
      return context.refreshTopology().writer().orElse(null);
    } catch (SQLException e) {
      return context.topology().writer().orElse(null);
    }
  }

  /** Open, and its instance still has the role we cached it for. */
  private boolean usable(Connection c, HostSpec host, HostRole role) throws SQLException {
    if (c.isClosed()) {
      return false;
    }
    return context.topology().find(host).map(h -> h.role() == role).orElse(host.role() == role);
  }

  @Override
  public void close() {
    Connection current = context.currentConnection();
    if (reader != null && reader != current) {
      closeQuietly(reader);
    }
    if (writer != null && writer != current) {
      closeQuietly(writer);
    }
    reader = null;
    writer = null;
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      LOG.finer(() -> "close failed: " + e.getMessage());
    }
  }
}

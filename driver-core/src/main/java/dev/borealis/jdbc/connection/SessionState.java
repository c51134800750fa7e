package dev.borealis.jdbc.connection;

import java.sql.Connection;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * The session settings the application made on its Connection, so that another physical connection can be made
 * to look the same. Only what the application set is replayed; defaults are the server's.
 */
public final class SessionState {

  private static final Logger LOG = Logger.getLogger(SessionState.class.getName());

  private Boolean autoCommit;
  private Boolean readOnly;
  private Integer isolation;
  private Integer holdability;
  private String catalog;
  private String schema;
  private Executor timeoutExecutor;
  private Integer networkTimeoutMs;
  private Properties clientInfo;

  public synchronized void autoCommit(boolean on) {
    autoCommit = on;
  }

  public synchronized void readOnly(boolean on) {
    readOnly = on;
  }

  public synchronized void isolation(int level) {
    isolation = level;
  }

  public synchronized void holdability(int h) {
    holdability = h;
  }

  public synchronized void catalog(String c) {
    catalog = c;
  }

  public synchronized void schema(String s) {
    schema = s;
  }

  public synchronized void networkTimeout(Executor executor, int millis) {
    timeoutExecutor = executor;
    networkTimeoutMs = millis;
  }

  public synchronized void clientInfo(String name, String value) {
    if (clientInfo == null) {
      clientInfo = new Properties();
    }
    if (value == null) {
      clientInfo.remove(name);
    } else {
      clientInfo.setProperty(name, value);
    }
  }

  public synchronized void clientInfo(Properties all) {
    clientInfo = new Properties();
    if (all != null) {
      clientInfo.putAll(all);
    }
  }

  /** JDBC's default is autocommit on. */
  public synchronized boolean autoCommit() {
    return autoCommit == null || autoCommit;
  }

  public synchronized boolean readOnly() {
    return readOnly != null && readOnly;
  }

  /**
   * Makes {@code target} carry the recorded settings; read-only goes last so the others are still allowed. The
   * settings are copied under the monitor and applied outside it: the calls below talk to the server, and no
   * monitor may be held around blocking I/O (it would pin a virtual thread and stall the recording setters).
   */
  public void applyTo(Connection target) throws SQLException {
    snapshot().apply(target);
  }

  private synchronized SessionState snapshot() {
    SessionState copy = new SessionState();
    copy.autoCommit = autoCommit;
    copy.readOnly = readOnly;
    copy.isolation = isolation;
    copy.holdability = holdability;
    copy.catalog = catalog;
    copy.schema = schema;
    copy.timeoutExecutor = timeoutExecutor;
    copy.networkTimeoutMs = networkTimeoutMs;
    if (clientInfo != null) {
      copy.clientInfo = new Properties();
      copy.clientInfo.putAll(clientInfo);
    }
    return copy;
  }

  /** Only on a private snapshot, so no lock is needed. */
  private void apply(Connection target) throws SQLException {
    if (autoCommit != null && target.getAutoCommit() != autoCommit) {
      target.setAutoCommit(autoCommit);
    }
    if (isolation != null) {
      target.setTransactionIsolation(isolation);
    }
    if (catalog != null) {
      target.setCatalog(catalog);
    }
    if (schema != null) {
      target.setSchema(schema);
    }
    if (holdability != null) {
      target.setHoldability(holdability);
    }
    if (networkTimeoutMs != null) {
      target.setNetworkTimeout(timeoutExecutor, networkTimeoutMs);
    }
    applyClientInfo(target);
    if (readOnly != null) {
      target.setReadOnly(readOnly);
    }
  }

  private void applyClientInfo(Connection target) {
    if (clientInfo == null) {
      return;
    }
    try {
      target.setClientInfo(clientInfo);
    } catch (SQLClientInfoException e) {
      // Client info is advisory (JDBC lets drivers ignore names they do not know); a failure must not block a switch.
      LOG.fine(() -> "client info not transferred: " + e.getMessage());
    }
  }

  @Override
  public synchronized String toString() {
    return "session[autoCommit=" + autoCommit + ", readOnly=" + readOnly + ", isolation=" + isolation + ", catalog="
        + catalog + ", schema=" + schema + ", holdability=" + holdability + ", networkTimeoutMs=" + networkTimeoutMs
        + "]";
  }
}

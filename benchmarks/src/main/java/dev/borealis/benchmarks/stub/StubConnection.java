package dev.borealis.benchmarks.stub;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.concurrent.Executor;

/**
 * A connection to no server: it keeps the session state a real connection keeps (so a wrapper that reads and
 * replays it sees consistent values) and hands out {@link StubStatement}s. The host it was "opened" to decides its
 * role for {@link StubDialect}: a host whose name starts with {@code reader} is a reader.
 */
public final class StubConnection implements Connection {

  private final String host;
  private boolean readOnly;
  private boolean autoCommit = true;
  private int isolation = TRANSACTION_READ_COMMITTED;
  private String catalog = "stub";
  private String schema = "public";
  private int holdability = java.sql.ResultSet.HOLD_CURSORS_OVER_COMMIT;
  private int networkTimeout;
  private boolean closed;

  StubConnection(String host) {
    this.host = host;
  }

  /** The host named in the URL this connection was opened with. */
  public String host() {
    return host;
  }

  @Override
  public Statement createStatement() {
    return new StubStatement(this);
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency) {
    return new StubStatement(this);
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability) {
    return new StubStatement(this);
  }

  @Override
  public void setReadOnly(boolean readOnly) {
    this.readOnly = readOnly;
  }

  @Override
  public boolean isReadOnly() {
    return readOnly;
  }

  @Override
  public void setAutoCommit(boolean autoCommit) {
    this.autoCommit = autoCommit;
  }

  @Override
  public boolean getAutoCommit() {
    return autoCommit;
  }

  @Override
  public void setTransactionIsolation(int level) {
    this.isolation = level;
  }

  @Override
  public int getTransactionIsolation() {
    return isolation;
  }

  @Override
  public void setCatalog(String catalog) {
    this.catalog = catalog;
  }

  @Override
  public String getCatalog() {
    return catalog;
  }

  @Override
  public void setSchema(String schema) {
    this.schema = schema;
  }

  @Override
  public String getSchema() {
    return schema;
  }

  @Override
  public void setHoldability(int holdability) {
    this.holdability = holdability;
  }

  @Override
  public int getHoldability() {
    return holdability;
  }

  @Override
  public void setNetworkTimeout(Executor executor, int milliseconds) {
    this.networkTimeout = milliseconds;
  }

  @Override
  public int getNetworkTimeout() {
    return networkTimeout;
  }

  @Override
  public void commit() {
    // Nothing is ever written, so there is nothing to make durable.
  }

  @Override
  public void rollback() {
    // Nothing is ever written, so there is nothing to undo.
  }

  @Override
  public void rollback(java.sql.Savepoint savepoint) {
    // Nothing is ever written, so there is nothing to undo.
  }

  @Override
  public SQLWarning getWarnings() {
    return null;
  }

  @Override
  public boolean isValid(int timeout) {
    return !closed;
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("StubConnection does not wrap " + iface.getName(), "HY000");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  // ---------------------------------------------------------------- not used by the benchmarks: neutral values
  @Override
  public void abort(java.util.concurrent.Executor p0) {
  }

  @Override
  public void clearWarnings() {
  }

  @Override
  public java.sql.Array createArrayOf(String p0, Object[] p1) {
    return null;
  }

  @Override
  public java.sql.Blob createBlob() {
    return null;
  }

  @Override
  public java.sql.Clob createClob() {
    return null;
  }

  @Override
  public java.sql.NClob createNClob() {
    return null;
  }

  @Override
  public java.sql.SQLXML createSQLXML() {
    return null;
  }

  @Override
  public java.sql.Struct createStruct(String p0, Object[] p1) {
    return null;
  }

  @Override
  public java.util.Properties getClientInfo() {
    return null;
  }

  @Override
  public String getClientInfo(String p0) {
    return null;
  }

  @Override
  public java.sql.DatabaseMetaData getMetaData() {
    return null;
  }

  @Override
  public java.util.Map<String, Class<?>> getTypeMap() {
    return null;
  }

  @Override
  public String nativeSQL(String p0) {
    return null;
  }

  @Override
  public java.sql.CallableStatement prepareCall(String p0, int p1, int p2, int p3) {
    return null;
  }

  @Override
  public java.sql.CallableStatement prepareCall(String p0, int p1, int p2) {
    return null;
  }

  @Override
  public java.sql.CallableStatement prepareCall(String p0) {
    return null;
  }

  @Override
  public java.sql.PreparedStatement prepareStatement(String p0, int[] p1) {
    return null;
  }

  @Override
  public java.sql.PreparedStatement prepareStatement(String p0, String[] p1) {
    return null;
  }

  @Override
  public java.sql.PreparedStatement prepareStatement(String p0, int p1, int p2, int p3) {
    return null;
  }

  @Override
  public java.sql.PreparedStatement prepareStatement(String p0, int p1, int p2) {
    return null;
  }

  @Override
  public java.sql.PreparedStatement prepareStatement(String p0, int p1) {
    return null;
  }

  @Override
  public java.sql.PreparedStatement prepareStatement(String p0) {
    return null;
  }

  @Override
  public void releaseSavepoint(java.sql.Savepoint p0) {
  }

  @Override
  public void setClientInfo(String p0, String p1) {
  }

  @Override
  public void setClientInfo(java.util.Properties p0) {
  }

  @Override
  public java.sql.Savepoint setSavepoint() {
    return null;
  }

  @Override
  public java.sql.Savepoint setSavepoint(String p0) {
    return null;
  }

  @Override
  public void setTypeMap(java.util.Map<String, Class<?>> p0) {
  }

}

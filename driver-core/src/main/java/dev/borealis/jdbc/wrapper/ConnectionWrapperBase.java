package dev.borealis.jdbc.wrapper;

import dev.borealis.jdbc.connection.LogicalConnection;
import dev.borealis.jdbc.connection.SessionState;
import dev.borealis.jdbc.spi.JdbcMethod;
import java.sql.Connection;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * The application's Connection: calls go to whichever physical connection is current, and the session settings
 * the application makes are recorded so they can be replayed on another physical connection.
 */
public abstract class ConnectionWrapperBase extends WrapperBase {

  protected ConnectionWrapperBase(LogicalConnection owner) {
    super(owner);
  }

  protected final Connection physical() {
    return owner.physical();
  }

  @Override
  protected final Object target() {
    return physical();
  }

  private SessionState session() {
    return owner.session();
  }

  public void close() throws SQLException {
    owner.close();
  }

  public boolean isClosed() {
    return owner.isClosed();
  }

  public void abort(Executor executor) throws SQLException {
    owner.abort(executor);
  }

  public void setAutoCommit(boolean on) throws SQLException {
    if (pipeline.direct(JdbcMethod.CONNECTION_SET_AUTO_COMMIT)) {
      physical().setAutoCommit(on);
    } else {
      pipe(JdbcMethod.CONNECTION_SET_AUTO_COMMIT, new Object[] {on}, () -> physical().setAutoCommit(on));
    }
    session().autoCommit(on);
    owner.transactionBoundary();
  }

  public void commit() throws SQLException {
    if (pipeline.direct(JdbcMethod.CONNECTION_COMMIT)) {
      physical().commit();
    } else {
      pipe(JdbcMethod.CONNECTION_COMMIT, NO_ARGS, () -> physical().commit());
    }
    owner.transactionBoundary();
  }

  public void rollback() throws SQLException {
    try {
      if (pipeline.direct(JdbcMethod.CONNECTION_ROLLBACK)) {
        physical().rollback();
      } else {
        pipe(JdbcMethod.CONNECTION_ROLLBACK, NO_ARGS, () -> physical().rollback());
      }
    } finally {
      // Even a failed rollback leaves no transaction the application could continue.
      owner.transactionBoundary();
    }
  }

  public void setReadOnly(boolean on) throws SQLException {
    if (pipeline.direct(JdbcMethod.CONNECTION_SET_READ_ONLY)) {
      physical().setReadOnly(on);
    } else {
      pipe(JdbcMethod.CONNECTION_SET_READ_ONLY, new Object[] {on}, () -> physical().setReadOnly(on));
    }
    session().readOnly(on);
  }

  public void setTransactionIsolation(int level) throws SQLException {
    if (pipeline.direct(JdbcMethod.CONNECTION_SET_TRANSACTION_ISOLATION)) {
      physical().setTransactionIsolation(level);
    } else {
      pipe(JdbcMethod.CONNECTION_SET_TRANSACTION_ISOLATION, new Object[] {level}, () -> physical().setTransactionIsolation(level));
    }
    session().isolation(level);
  }

  public void setCatalog(String catalog) throws SQLException {
    if (pipeline.direct(JdbcMethod.CONNECTION_SET_CATALOG)) {
      physical().setCatalog(catalog);
    } else {
      pipe(JdbcMethod.CONNECTION_SET_CATALOG, new Object[] {catalog}, () -> physical().setCatalog(catalog));
    }
    session().catalog(catalog);
  }

  public void setSchema(String schema) throws SQLException {
    if (pipeline.direct(JdbcMethod.CONNECTION_SET_SCHEMA)) {
      physical().setSchema(schema);
    } else {
      pipe(JdbcMethod.CONNECTION_SET_SCHEMA, new Object[] {schema}, () -> physical().setSchema(schema));
    }
    session().schema(schema);
  }

  public void setHoldability(int holdability) throws SQLException {
    if (pipeline.direct(JdbcMethod.CONNECTION_SET_HOLDABILITY)) {
      physical().setHoldability(holdability);
    } else {
      pipe(JdbcMethod.CONNECTION_SET_HOLDABILITY, new Object[] {holdability}, () -> physical().setHoldability(holdability));
    }
    session().holdability(holdability);
  }

  public void setNetworkTimeout(Executor executor, int millis) throws SQLException {
    JdbcMethod m = JdbcMethod.CONNECTION_SET_NETWORK_TIMEOUT;
    if (pipeline.direct(m)) {
      physical().setNetworkTimeout(executor, millis);
    } else {
      pipeline.call(m, null, physical(), new Object[] {executor, millis}, () -> {
        physical().setNetworkTimeout(executor, millis);
        return null;
      });
    }
    session().networkTimeout(executor, millis);
  }

  /** Not through the pipeline: JDBC lets this throw only SQLClientInfoException, which a chain cannot promise. */
  public void setClientInfo(String name, String value) throws SQLClientInfoException {
    try {
      physical().setClientInfo(name, value);
    } finally {
      session().clientInfo(name, value);
    }
  }

  public void setClientInfo(Properties properties) throws SQLClientInfoException {
    try {
      physical().setClientInfo(properties);
    } finally {
      session().clientInfo(properties);
    }
  }

  /** The subscribed path of the setters above; the direct path allocates nothing. */
  private void pipe(JdbcMethod m, Object[] args, Setter setter) throws SQLException {
    pipeline.call(m, null, physical(), args, () -> {
      setter.set();
      return null;
    });
  }

  @FunctionalInterface
  private interface Setter {
    void set() throws SQLException;
  }

  @Override
  public String toString() {
    return owner.toString();
  }
}

package dev.borealis.jdbc.wrapper;

import dev.borealis.jdbc.connection.LogicalConnection;
import dev.borealis.jdbc.pipeline.Pipeline;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.sql.Wrapper;

/** What every wrapper shares: its logical connection, the pipeline, unwrapping, and wrapping what it returns. */
public abstract class WrapperBase implements Wrapper {

  protected static final Object[] NO_ARGS = new Object[0];

  protected final LogicalConnection owner;
  protected final Pipeline pipeline;

  protected WrapperBase(LogicalConnection owner) {
    this.owner = owner;
    this.pipeline = owner.pipeline();
  }

  /** The target driver's object this wrapper currently stands for. */
  protected abstract Object target();

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    Object target = target();
    if (iface.isInstance(target)) {
      return iface.cast(target);
    }
    if (target instanceof Wrapper w) {
      return w.unwrap(iface);
    }
    throw new SQLException(getClass().getSimpleName() + " does not wrap a " + iface.getName(), "HY000");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    Object target = target();
    return iface.isInstance(this) || iface.isInstance(target)
        || (target instanceof Wrapper w && w.isWrapperFor(iface));
  }

  /** The application may hand back our wrappers (a Blob from createBlob()); the target needs its own object. */
  @SuppressWarnings("unchecked")
  protected static <U> U unwrapArg(U arg) {
    return arg instanceof DelegatingWrapper<?> w ? (U) w.delegate : arg;
  }

  private Statement parentStatement() {
    return this instanceof Statement s ? s : null;
  }

  protected final ResultSet wrapResultSet(ResultSet rs) {
    return rs == null || rs instanceof ResultSetWrapper ? rs : new ResultSetWrapper(rs, owner, parentStatement());
  }

  protected final Statement wrapStatement(Statement s) {
    if (s == null || s instanceof WrapperBase) {
      return s;
    }
    if (s instanceof CallableStatement cs) {
      return new CallableStatementWrapper(cs, owner);
    }
    if (s instanceof PreparedStatement ps) {
      return new PreparedStatementWrapper(ps, owner);
    }
    return new StatementWrapper(s, owner);
  }

  protected final PreparedStatement wrapPreparedStatement(PreparedStatement s) {
    return (PreparedStatement) wrapStatement(s);
  }

  protected final CallableStatement wrapCallableStatement(CallableStatement s) {
    return (CallableStatement) wrapStatement(s);
  }

  protected final ResultSetMetaData wrapResultSetMetaData(ResultSetMetaData m) {
    return m == null ? null : new ResultSetMetaDataWrapper(m, owner);
  }

  protected final DatabaseMetaData wrapDatabaseMetaData(DatabaseMetaData m) {
    return m == null ? null : new DatabaseMetaDataWrapper(m, owner);
  }

  protected final ParameterMetaData wrapParameterMetaData(ParameterMetaData m) {
    return m == null ? null : new ParameterMetaDataWrapper(m, owner);
  }

  protected final Array wrapArray(Array a) {
    return a == null ? null : new ArrayWrapper(a, owner);
  }

  protected final Blob wrapBlob(Blob b) {
    return b == null ? null : new BlobWrapper(b, owner);
  }

  protected final Clob wrapClob(Clob c) {
    if (c instanceof NClob n) {
      return wrapNClob(n);
    }
    return c == null ? null : new ClobWrapper(c, owner);
  }

  protected final NClob wrapNClob(NClob c) {
    return c == null ? null : new NClobWrapper(c, owner);
  }

  protected final SQLXML wrapSQLXML(SQLXML x) {
    return x == null ? null : new SQLXMLWrapper(x, owner);
  }

  protected final Savepoint wrapSavepoint(Savepoint s) {
    return s == null ? null : new SavepointWrapper(s, owner);
  }

  protected final RowId wrapRowId(RowId r) {
    return r == null ? null : new RowIdWrapper(r, owner);
  }

  protected final Struct wrapStruct(Struct s) {
    return s == null ? null : new StructWrapper(s, owner);
  }

  protected final Ref wrapRef(Ref r) {
    return r == null ? null : new RefWrapper(r, owner);
  }
}

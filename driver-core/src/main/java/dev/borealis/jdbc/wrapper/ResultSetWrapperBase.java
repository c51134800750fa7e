package dev.borealis.jdbc.wrapper;

import dev.borealis.jdbc.connection.LogicalConnection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A result set answers {@code getStatement()} with the statement wrapper that produced it. */
public abstract class ResultSetWrapperBase extends DelegatingWrapper<ResultSet> {

  private final Statement parent;

  protected ResultSetWrapperBase(ResultSet delegate, LogicalConnection owner, Statement parent) {
    super(delegate, owner);
    this.parent = parent;
  }

  public Statement getStatement() throws SQLException {
    return parent != null ? parent : wrapStatement(delegate.getStatement());
  }
}

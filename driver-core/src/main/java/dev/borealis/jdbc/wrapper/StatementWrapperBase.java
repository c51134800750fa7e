package dev.borealis.jdbc.wrapper;

import dev.borealis.jdbc.connection.LogicalConnection;
import java.sql.Connection;
import java.sql.Statement;

/** A statement answers {@code getConnection()} with the application's Connection, never the physical one. */
public abstract class StatementWrapperBase<T extends Statement> extends DelegatingWrapper<T> {

  protected StatementWrapperBase(T delegate, LogicalConnection owner) {
    super(delegate, owner);
  }

  public Connection getConnection() {
    return owner.appConnection();
  }
}

package dev.borealis.jdbc.wrapper;

import dev.borealis.jdbc.connection.LogicalConnection;
import java.sql.Connection;
import java.sql.DatabaseMetaData;

/** Metadata answers {@code getConnection()} with the application's Connection. */
public abstract class DatabaseMetaDataWrapperBase extends DelegatingWrapper<DatabaseMetaData> {

  protected DatabaseMetaDataWrapperBase(DatabaseMetaData delegate, LogicalConnection owner) {
    super(delegate, owner);
  }

  public Connection getConnection() {
    return owner.appConnection();
  }
}

package dev.borealis.jdbc;

import java.sql.SQLException;

/**
 * The connection was lost and no instance could be reached in time; the Connection is unusable. SQLSTATE {@value #SQL_STATE}, as the AWS Advanced JDBC Wrapper uses, so applications can switch drivers.
 */
public class FailoverFailedException extends SQLException {

  public static final String SQL_STATE = "08001";

  public FailoverFailedException(String message, Throwable cause) {
    super(message, SQL_STATE, cause);
  }
}

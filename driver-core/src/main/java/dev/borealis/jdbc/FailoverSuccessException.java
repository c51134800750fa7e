package dev.borealis.jdbc;

import java.sql.SQLException;

/**
 * The connection failed over to another instance and is usable; the session state was restored but the statement that failed was not re-run. Re-run it. SQLSTATE {@value #SQL_STATE}, as the AWS Advanced JDBC Wrapper uses, so applications can switch drivers.
 */
public class FailoverSuccessException extends SQLException {

  public static final String SQL_STATE = "08S02";

  public FailoverSuccessException(String message, Throwable cause) {
    super(message, SQL_STATE, cause);
  }
}

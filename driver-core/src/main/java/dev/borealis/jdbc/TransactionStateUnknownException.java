package dev.borealis.jdbc;

import java.sql.SQLException;

/**
 * The connection failed over while a transaction was open: whether it committed is unknown. Replay the transaction. SQLSTATE {@value #SQL_STATE}, as the AWS Advanced JDBC Wrapper uses, so applications can switch drivers.
 */
public class TransactionStateUnknownException extends SQLException {

  public static final String SQL_STATE = "08007";

  public TransactionStateUnknownException(String message, Throwable cause) {
    super(message, SQL_STATE, cause);
  }
}

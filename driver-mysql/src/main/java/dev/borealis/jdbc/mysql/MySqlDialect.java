package dev.borealis.jdbc.mysql;

import dev.borealis.jdbc.spi.Dialect;
import java.sql.SQLException;

/** What every MySQL flavour shares: how its errors are classified. */
abstract class MySqlDialect implements Dialect {

  /** ER_OPTION_PREVENTS_STATEMENT (--read-only / --super-read-only). */
  static final int ER_OPTION_PREVENTS_STATEMENT = 1290;
  /** ER_READ_ONLY_MODE. */
  static final int ER_READ_ONLY_MODE = 1836;

  /** SQLSTATE class 08 except 08004 (the server refused the connection: retrying elsewhere will not help). */
  @Override
  public boolean isConnectionLost(SQLException e) {
    for (SQLException s = e; s != null; s = s.getCause() instanceof SQLException c ? c : null) {
      String state = s.getSQLState();
      if (state != null && state.startsWith("08") && !state.equals("08004")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean isReadOnlyError(SQLException e) {
    for (SQLException s = e; s != null; s = s.getCause() instanceof SQLException c ? c : null) {
      if (s.getErrorCode() == ER_OPTION_PREVENTS_STATEMENT || s.getErrorCode() == ER_READ_ONLY_MODE) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return code();
  }
}

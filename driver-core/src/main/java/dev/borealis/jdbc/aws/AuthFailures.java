package dev.borealis.jdbc.aws;

import java.sql.SQLException;

/**
 * Which connect failures mean "wrong credentials": SQLSTATE class 28 (invalid authorization: MySQL's 1045 is
 * 28000, PostgreSQL's 28P01 and 28000) or MySQL error 1045 with another state. Dialects have no hook for this, and
 * the codes are the same for every dialect of an engine.
 */
final class AuthFailures {

  static final int MYSQL_ACCESS_DENIED = 1045;

  private AuthFailures() {
  }

  static boolean isAuthFailure(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && (isClass28(s.getSQLState()) || s.getErrorCode() == MYSQL_ACCESS_DENIED)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isClass28(String state) {
    return state != null && state.startsWith("28");
  }
}

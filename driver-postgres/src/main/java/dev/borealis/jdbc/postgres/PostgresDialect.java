package dev.borealis.jdbc.postgres;

import dev.borealis.jdbc.spi.Dialect;
import dev.borealis.jdbc.spi.SqlQueries;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/** What every PostgreSQL flavour shares: error classes and the standby check. */
abstract class PostgresDialect implements Dialect {

  /** admin_shutdown, crash_shutdown, cannot_connect_now. */
  private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");
  static final String READ_ONLY_SQL_TRANSACTION = "25006";
  static final String IN_RECOVERY = "SELECT pg_catalog.pg_is_in_recovery()";

  /** Class 08 (connection exception), 57P01-03, 58 (system error), 99 (internal), F0 (configuration file). */
  @Override
  public boolean isConnectionLost(SQLException e) {
    for (SQLException s = e; s != null; s = s.getCause() instanceof SQLException c ? c : null) {
      String state = s.getSQLState();
      if (state != null && (state.startsWith("08") || SHUTDOWN_STATES.contains(state) || state.startsWith("58")
          || state.startsWith("99") || state.startsWith("F0"))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean isReadOnlyError(SQLException e) {
    for (SQLException s = e; s != null; s = s.getCause() instanceof SQLException c ? c : null) {
      if (READ_ONLY_SQL_TRANSACTION.equals(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean isReader(Connection conn) throws SQLException {
    return SqlQueries.firstBoolean(conn, IN_RECOVERY);
  }

  @Override
  public String toString() {
    return code();
  }
}

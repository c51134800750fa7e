package dev.borealis.compat.diff;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Runs one SQL statement and turns whatever comes back into an {@link Outcome}. */
public final class Statements {

  /** Per statement; a server that hangs costs this much, not the whole run. */
  static final int QUERY_TIMEOUT_SECONDS = 10;
  /** Enough for every corpus statement; a runaway result is cut here and flagged. */
  static final int MAX_ROWS = 2_000;

  private Statements() {
  }

  public static Outcome run(Connection connection, String sql) {
    try (Statement s = connection.createStatement()) {
      s.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      if (s.execute(sql)) {
        try (ResultSet rs = s.getResultSet()) {
          return read(rs);
        }
      }
      return new Outcome.Count(s.getUpdateCount());
    } catch (SQLException e) {
      return new Outcome.Failure(e.getSQLState(), e.getErrorCode(), e.getMessage());
    } catch (RuntimeException e) {
      // A driver that cannot parse what the server sent: the embedded cluster's bug, reported like an error.
      return new Outcome.Failure("XXJDB", 0, "client-side " + e);
    }
  }

  /** Reads a whole result set (up to {@link #MAX_ROWS} rows). */
  public static Outcome.Rows read(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<Outcome.Column> columns = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      columns.add(new Outcome.Column(md.getColumnLabel(i), md.getColumnType(i), md.getColumnTypeName(i)));
    }
    List<List<String>> rows = new ArrayList<>();
    boolean truncated = false;
    while (rs.next()) {
      if (rows.size() == MAX_ROWS) {
        truncated = true;
        break;
      }
      List<String> row = new ArrayList<>(columns.size());
      for (int i = 1; i <= columns.size(); i++) {
        row.add(Values.canonical(rs.getObject(i)));
      }
      rows.add(List.copyOf(row));
    }
    return new Outcome.Rows(columns, rows, truncated);
  }
}

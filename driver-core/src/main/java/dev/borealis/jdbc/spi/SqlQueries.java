package dev.borealis.jdbc.spi;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Single-value queries dialects run; each closes what it opens. */
public final class SqlQueries {

  private SqlQueries() {
  }

  /** The first column of the first row, or null when there is no row. */
  public static String firstString(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** Whether the query returns at least one row. */
  public static boolean hasRow(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next();
    }
  }

  /** The first column of the first row read as a boolean ({@code 1}, {@code true}, {@code on}, {@code t}). */
  public static boolean firstBoolean(Connection c, String sql) throws SQLException {
    String v = firstString(c, sql);
    if (v == null) {
      throw new SQLException("query returned no row: " + sql, "02000");
    }
    return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "1", "true", "t", "on", "yes" -> true;
      default -> false;
    };
  }
}

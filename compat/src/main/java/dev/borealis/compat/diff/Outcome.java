package dev.borealis.compat.diff;

import java.util.List;

/**
 * What one statement gave back, normalised so that two servers' answers can be compared: a result set (column
 * labels and types, values as canonical strings), an update count, or an error (SQLSTATE, vendor code, message).
 */
public sealed interface Outcome {

  /** A short description for mismatch reports: {@code a result set (2 columns, 5 rows)}. */
  String describe();

  /** One result-set column as the driver reports it. */
  record Column(String label, int jdbcType, String typeName) {
    public String jdbcTypeName() {
      try {
        return java.sql.JDBCType.valueOf(jdbcType).getName();
      } catch (IllegalArgumentException e) {
        return "type " + jdbcType;
      }
    }
  }

  /** A result set; rows are in the order the server sent them. */
  record Rows(List<Column> columns, List<List<String>> rows, boolean truncated) implements Outcome {
    public Rows {
      columns = List.copyOf(columns);
      rows = List.copyOf(rows);
    }

    @Override
    public String describe() {
      return "a result set (" + columns.size() + " column" + (columns.size() == 1 ? "" : "s") + ", " + rows.size()
          + " row" + (rows.size() == 1 ? "" : "s") + ")";
    }
  }

  /** An update count (DDL and DML). */
  record Count(long count) implements Outcome {
    @Override
    public String describe() {
      return "update count " + count;
    }
  }

  /** An error; {@code sqlState} is never null ({@code "?????"} when the driver gave none). */
  record Failure(String sqlState, int vendorCode, String message) implements Outcome {
    public Failure {
      sqlState = sqlState == null || sqlState.isBlank() ? "?????" : sqlState;
      message = message == null ? "" : message;
    }

    public String sqlStateClass() {
      return sqlState.length() >= 2 ? sqlState.substring(0, 2) : sqlState;
    }

    @Override
    public String describe() {
      return "error " + sqlState + (vendorCode != 0 ? " [" + vendorCode + "]" : "") + " '" + Texts.clip(message)
          + "'";
    }
  }
}

package dev.borealis.compat.diff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares the real server's outcome of a statement with the embedded cluster's and says how they differ, in one
 * line naming the first difference: {@code column 2 label: real 'COUNT(*)' vs embedded 'count(*)'}. What is
 * compared: the kind of outcome; for errors the SQLSTATE class (its first two characters) and, where the engine
 * has them (MySQL), the vendor error code; update counts; result-set column labels, JDBC types and type names
 * (case-insensitive), row count and values (in order where the statement defines one, else as a multiset).
 * Error messages are not compared (they are only quoted).
 */
public final class Differ {

  private final boolean vendorCodes;

  /** @param vendorCodes whether error codes are compared too (MySQL's are part of its contract; PostgreSQL has none) */
  public Differ(boolean vendorCodes) {
    this.vendorCodes = vendorCodes;
  }

  public Optional<String> compare(Outcome real, Outcome embedded, boolean ordered) {
    if (real instanceof Outcome.Rows r && embedded instanceof Outcome.Rows e) {
      return rows(r, e, ordered);
    }
    if (real instanceof Outcome.Count r && embedded instanceof Outcome.Count e) {
      return r.count() == e.count() ? Optional.empty()
          : Optional.of("update count: real " + r.count() + " vs embedded " + e.count());
    }
    if (real instanceof Outcome.Failure r && embedded instanceof Outcome.Failure e) {
      return failures(r, e);
    }
    return Optional.of("real " + real.describe() + " vs embedded " + embedded.describe());
  }

  private Optional<String> failures(Outcome.Failure r, Outcome.Failure e) {
    if (!r.sqlStateClass().equals(e.sqlStateClass())) {
      return Optional.of("error class: real " + r.sqlState() + " vs embedded " + e.describe());
    }
    if (vendorCodes && r.vendorCode() != e.vendorCode()) {
      return Optional.of("error code: real " + r.vendorCode() + " vs embedded " + e.describe());
    }
    return Optional.empty();
  }

  private static Optional<String> rows(Outcome.Rows r, Outcome.Rows e, boolean ordered) {
    if (r.columns().size() != e.columns().size()) {
      return Optional.of("column count: real " + r.columns().size() + " " + labels(r) + " vs embedded "
          + e.columns().size() + " " + labels(e));
    }
    for (int i = 0; i < r.columns().size(); i++) {
      Optional<String> c = column(i + 1, r.columns().get(i), e.columns().get(i));
      if (c.isPresent()) {
        return c;
      }
    }
    if (r.rows().size() != e.rows().size()) {
      return Optional.of("row count: real " + r.rows().size() + " vs embedded " + e.rows().size());
    }
    List<List<String>> realRows = ordered ? r.rows() : sorted(r.rows());
    List<List<String>> embeddedRows = ordered ? e.rows() : sorted(e.rows());
    for (int row = 0; row < realRows.size(); row++) {
      List<String> a = realRows.get(row);
      List<String> b = embeddedRows.get(row);
      for (int col = 0; col < a.size(); col++) {
        if (!Objects.equals(a.get(col), b.get(col))) {
          return Optional.of((ordered ? "row " + (row + 1) : "rows (as a multiset)") + " column " + (col + 1)
              + " ('" + r.columns().get(col).label() + "') value: real '" + Texts.exact(a.get(col))
              + "' vs embedded '" + Texts.exact(b.get(col)) + "'");
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> column(int n, Outcome.Column r, Outcome.Column e) {
    if (!r.label().equals(e.label())) {
      return Optional.of("column " + n + " label: real '" + Texts.exact(r.label()) + "' vs embedded '"
          + Texts.exact(e.label()) + "'");
    }
    if (r.jdbcType() != e.jdbcType()) {
      return Optional.of("column " + n + " ('" + r.label() + "') JDBC type: real " + r.jdbcTypeName() + " ("
          + r.typeName() + ") vs embedded " + e.jdbcTypeName() + " (" + e.typeName() + ")");
    }
    if (!String.valueOf(r.typeName()).equalsIgnoreCase(String.valueOf(e.typeName()))) {
      return Optional.of("column " + n + " ('" + r.label() + "') type name: real '" + r.typeName()
          + "' vs embedded '" + e.typeName() + "'");
    }
    return Optional.empty();
  }

  private static List<String> labels(Outcome.Rows rows) {
    return rows.columns().stream().map(Outcome.Column::label).toList();
  }

  private static List<List<String>> sorted(List<List<String>> rows) {
    List<List<String>> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(row -> String.join("\u0000", row)));
    return copy;
  }
}

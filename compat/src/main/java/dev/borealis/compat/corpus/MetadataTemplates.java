package dev.borealis.compat.corpus;

import dev.borealis.compat.diff.Outcome;
import dev.borealis.compat.diff.Values;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link DatabaseMetaData} answers frameworks use to detect the dialect and read a schema (Hibernate's
 * dialect resolution, Flyway, jOOQ's meta()), over a small schema with a foreign key and an index. Each answer
 * becomes an outcome compared like a statement's: scalars as a one-cell result, result sets reduced to the
 * columns that describe the schema (not every driver-specific extra). Version numbers are left out: they differ
 * legitimately (MariaDB reports itself to Connector/J as 5.5.5-10.11, the embedded cluster as Aurora's 8.0).
 */
final class MetadataTemplates {

  private MetadataTemplates() {
  }

  static void metadata(CorpusBuilder b, boolean mysql) {
    CorpusBuilder.CategoryBuilder c = b.category("metadata").setup(
        "CREATE TABLE meta_parent (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL)",
        "CREATE TABLE meta_child (id INT PRIMARY KEY, parent_id INT, qty DECIMAL(10,2),"
            + " FOREIGN KEY (parent_id) REFERENCES meta_parent (id))",
        "CREATE INDEX ix_child_qty ON meta_child (qty)");
    scalar(c, "getDatabaseProductName", (m, k) -> m.getDatabaseProductName());
    scalar(c, "getSQLKeywords", (m, k) -> m.getSQLKeywords());
    scalar(c, "getIdentifierQuoteString", (m, k) -> m.getIdentifierQuoteString());
    scalar(c, "storesLowerCaseIdentifiers", (m, k) -> m.storesLowerCaseIdentifiers());
    scalar(c, "storesUpperCaseIdentifiers", (m, k) -> m.storesUpperCaseIdentifiers());
    scalar(c, "storesMixedCaseIdentifiers", (m, k) -> m.storesMixedCaseIdentifiers());
    scalar(c, "storesLowerCaseQuotedIdentifiers", (m, k) -> m.storesLowerCaseQuotedIdentifiers());
    scalar(c, "storesMixedCaseQuotedIdentifiers", (m, k) -> m.storesMixedCaseQuotedIdentifiers());
    scalar(c, "supportsTransactions", (m, k) -> m.supportsTransactions());
    scalar(c, "supportsSavepoints", (m, k) -> m.supportsSavepoints());
    scalar(c, "getDefaultTransactionIsolation", (m, k) -> m.getDefaultTransactionIsolation());
    scalar(c, "getCatalog", (m, k) -> k.getCatalog());
    scalar(c, "getSchema", (m, k) -> k.getSchema());
    scalar(c, "getCatalogSeparator", (m, k) -> m.getCatalogSeparator());
    scalar(c, "getSearchStringEscape", (m, k) -> m.getSearchStringEscape());
    scalar(c, "getTransactionIsolation", (m, k) -> k.getTransactionIsolation());
    scalar(c, "isReadOnly", (m, k) -> k.isReadOnly());
    c.metadata("getTables", "getTables(current, 'meta%', TABLE)", true, (m, k) -> project(
        m.getTables(catalog(k, mysql), schema(k, mysql), "meta%", new String[] {"TABLE"}),
        "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE"));
    c.metadata("getTables", "getTables(current, '%', null) names", false, (m, k) -> project(
        m.getTables(catalog(k, mysql), schema(k, mysql), "%", null), "TABLE_NAME", "TABLE_TYPE"));
    for (String table : List.of("meta_parent", "meta_child")) {
      c.metadata("getColumns", "getColumns(current, '" + table + "', '%')", true, (m, k) -> project(
          m.getColumns(catalog(k, mysql), schema(k, mysql), table, "%"), "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE",
          "TYPE_NAME", "COLUMN_SIZE", "DECIMAL_DIGITS", "NULLABLE", "ORDINAL_POSITION", "IS_NULLABLE",
          "IS_AUTOINCREMENT"));
      c.metadata("getPrimaryKeys", "getPrimaryKeys(current, '" + table + "')", false, (m, k) -> project(
          m.getPrimaryKeys(catalog(k, mysql), schema(k, mysql), table), "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ"));
      c.metadata("getIndexInfo", "getIndexInfo(current, '" + table + "', false, false)", false, (m, k) -> project(
          m.getIndexInfo(catalog(k, mysql), schema(k, mysql), table, false, false), "TABLE_NAME", "NON_UNIQUE",
          "COLUMN_NAME", "ORDINAL_POSITION"));
    }
    c.metadata("getImportedKeys", "getImportedKeys(current, 'meta_child')", true, (m, k) -> project(
        m.getImportedKeys(catalog(k, mysql), schema(k, mysql), "meta_child"), "PKTABLE_NAME", "PKCOLUMN_NAME",
        "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ"));
    c.metadata("getExportedKeys", "getExportedKeys(current, 'meta_parent')", true, (m, k) -> project(
        m.getExportedKeys(catalog(k, mysql), schema(k, mysql), "meta_parent"), "PKTABLE_NAME", "PKCOLUMN_NAME",
        "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ"));
    c.metadata("getSchemas", "getSchemas() contains current", false, (m, k) -> contains(m.getSchemas(),
        "TABLE_SCHEM", mysql ? null : k.getSchema()));
    c.metadata("getCatalogs", "getCatalogs() contains current", false, (m, k) -> contains(m.getCatalogs(),
        "TABLE_CAT", mysql ? k.getCatalog() : null));
    c.metadata("getTableTypes", "getTableTypes() has TABLE and VIEW", false, (m, k) -> {
      Outcome.Rows rows = project(m.getTableTypes(), "TABLE_TYPE");
      return single(rows.rows().stream().anyMatch(r -> r.get(0).equals("TABLE"))
          && rows.rows().stream().anyMatch(r -> r.get(0).equals("VIEW")));
    });
  }

  private static String catalog(Connection k, boolean mysql) throws SQLException {
    return mysql ? k.getCatalog() : null;
  }

  private static String schema(Connection k, boolean mysql) throws SQLException {
    return mysql ? null : k.getSchema();
  }

  @FunctionalInterface
  private interface Scalar {
    Object answer(DatabaseMetaData m, Connection k) throws SQLException;
  }

  private static void scalar(CorpusBuilder.CategoryBuilder c, String name, Scalar call) {
    c.metadata(name, name + "()", true, (m, k) -> single(call.answer(m, k)));
  }

  private static Outcome.Rows single(Object value) throws SQLException {
    return new Outcome.Rows(List.of(new Outcome.Column("value", Types.VARCHAR, "answer")),
        List.of(List.of(Values.canonical(value))), false);
  }

  /** Whether {@code column} of the (closed afterwards) result set lists {@code expected}; null expects nothing. */
  private static Outcome.Rows contains(ResultSet rs, String column, String expected) throws SQLException {
    Outcome.Rows rows = project(rs, column);
    return single(expected == null ? "n/a" : rows.rows().stream().anyMatch(r -> r.get(0).equals(expected)));
  }

  private static Outcome.Rows project(ResultSet rs, String... columns) throws SQLException {
    try (rs) {
      List<Outcome.Column> cols = new ArrayList<>();
      for (String name : columns) {
        cols.add(new Outcome.Column(name, Types.VARCHAR, "metadata"));
      }
      List<List<String>> rows = new ArrayList<>();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (String name : columns) {
          row.add(Values.canonical(rs.getObject(name)));
        }
        rows.add(List.copyOf(row));
      }
      return new Outcome.Rows(cols, rows, false);
    }
  }
}

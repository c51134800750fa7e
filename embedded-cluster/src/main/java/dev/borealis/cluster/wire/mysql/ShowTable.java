package dev.borealis.cluster.wire.mysql;

import org.h2.tools.SimpleResultSet;

import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A small in-memory result (the output of a SHOW command) with MySQL's LIKE filtering on its first column. */
final class ShowTable {

    private final List<String> columns;
    private final List<Object[]> rows = new ArrayList<>();

    ShowTable(String... columns) {
        this.columns = List.of(columns);
    }

    ShowTable add(Object... row) {
        rows.add(row);
        return this;
    }

    List<String> columns() {
        return columns;
    }

    List<Object[]> rows() {
        return rows;
    }

    ShowTable like(String pattern) {
        if (pattern == null) {
            return this;
        }
        Pattern regex = likePattern(pattern);
        rows.removeIf(r -> r[0] == null || !regex.matcher(r[0].toString()).matches());
        return this;
    }

    static Pattern likePattern(String like) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == '\\' && i + 1 < like.length()) {
                b.append(Pattern.quote(String.valueOf(like.charAt(++i))));
            } else if (c == '%') {
                b.append(".*");
            } else if (c == '_') {
                b.append('.');
            } else {
                b.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(b.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    ResultSet toResultSet() {
        SimpleResultSet rs = new SimpleResultSet();
        for (int c = 0; c < columns.size(); c++) {
            final int col = c;
            boolean numeric = rows.stream().allMatch(r -> r[col] == null || r[col] instanceof Long)
                    && rows.stream().anyMatch(r -> r[col] != null);
            rs.addColumn(columns.get(c), numeric ? Types.BIGINT : Types.VARCHAR, numeric ? 20 : 512, 0);
        }
        for (Object[] row : rows) {
            rs.addRow(row);
        }
        return rs;
    }

    /** The same rows as an H2 VALUES query, so that a MySQL WHERE clause can filter them. */
    String valuesQuery(String where) {
        StringBuilder b = new StringBuilder("SELECT * FROM (VALUES ");
        for (int r = 0; r < rows.size(); r++) {
            b.append(r == 0 ? "(" : ", (");
            Object[] row = rows.get(r);
            for (int c = 0; c < row.length; c++) {
                b.append(c == 0 ? "" : ", ").append(row[c] == null ? "CAST(NULL AS VARCHAR)"
                        : SqlLexer.quote(String.valueOf(row[c])));
            }
            b.append(')');
        }
        b.append(") AS v(");
        for (int c = 0; c < columns.size(); c++) {
            b.append(c == 0 ? "" : ", ").append('"').append(columns.get(c).replace("\"", "")).append('"');
        }
        return b.append(") WHERE ").append(where).toString();
    }
}

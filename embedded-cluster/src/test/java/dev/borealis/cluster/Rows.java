package dev.borealis.cluster;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Small query helpers over the Session API for tests. */
final class Rows {
    private Rows() {
    }

    static List<List<Object>> query(Session session, String sql) throws SQLException {
        try (Result result = session.execute(sql)) {
            ResultSet rs = result.rows();
            int n = rs.getMetaData().getColumnCount();
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    static long scalar(Session session, String sql) throws SQLException {
        return ((Number) query(session, sql).get(0).get(0)).longValue();
    }

    static Set<Long> longs(Session session, String sql) throws SQLException {
        Set<Long> set = new HashSet<>();
        for (List<Object> row : query(session, sql)) {
            set.add(((Number) row.get(0)).longValue());
        }
        return set;
    }

    /** The table's full content in a deterministic order, as text: equal content ⇔ equal text. */
    static String content(Session session, String table) throws SQLException {
        int columns = columnCount(session, table);
        StringBuilder order = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
            order.append(i == 1 ? "" : ", ").append(i);
        }
        StringBuilder text = new StringBuilder();
        for (List<Object> row : query(session, "SELECT * FROM " + table + " ORDER BY " + order)) {
            text.append(row).append('\n');
        }
        return text.toString();
    }

    private static int columnCount(Session session, String table) throws SQLException {
        try (Result result = session.execute("SELECT * FROM " + table + " FETCH FIRST 0 ROWS ONLY")) {
            return result.rows().getMetaData().getColumnCount();
        }
    }
}

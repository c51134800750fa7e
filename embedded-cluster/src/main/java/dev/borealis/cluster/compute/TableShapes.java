package dev.borealis.cluster.compute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads a table's shape from H2's information schema. */
final class TableShapes {
    private TableShapes() {
    }

    static TableShape read(Connection connection, String schema, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        List<Boolean> writable = new ArrayList<>();
        boolean identityAlways = false;
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT column_name, is_generated, is_identity, identity_generation FROM information_schema.columns"
                        + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                    writable.add(!"ALWAYS".equals(rs.getString(2)));
                    identityAlways |= "YES".equals(rs.getString(3)) && "ALWAYS".equals(rs.getString(4));
                }
            }
        }
        if (columns.isEmpty()) {
            throw new SQLException("replica diverged: table " + schema + "." + table + " does not exist here", "XX001");
        }
        List<Integer> keys = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT k.column_name FROM information_schema.table_constraints c"
                        + " JOIN information_schema.key_column_usage k ON k.constraint_schema = c.constraint_schema"
                        + " AND k.constraint_name = c.constraint_name AND k.table_name = c.table_name"
                        + " WHERE c.table_schema = ? AND c.table_name = ? AND c.constraint_type = 'PRIMARY KEY'"
                        + " ORDER BY k.ordinal_position")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(columns.indexOf(rs.getString(1)));
                }
            }
        }
        boolean[] writableArray = new boolean[writable.size()];
        for (int i = 0; i < writableArray.length; i++) {
            writableArray[i] = writable.get(i);
        }
        return new TableShape(schema, table, List.copyOf(columns), writableArray,
                keys.stream().mapToInt(Integer::intValue).toArray(), identityAlways);
    }
}

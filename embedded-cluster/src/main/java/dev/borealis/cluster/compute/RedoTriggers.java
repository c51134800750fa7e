package dev.borealis.cluster.compute;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Keeps a {@link RedoCaptureTrigger} on every persistent base table of a database. */
final class RedoTriggers {
    static final String PREFIX = "borealis_redo_";

    private RedoTriggers() {
    }

    /** Installs the trigger on every base table that lacks it. Runs after each DDL; DDL is rare. */
    static void install(Connection connection) throws SQLException {
        List<String[]> missing = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT t.table_schema, t.table_name FROM information_schema.tables t"
                     + " WHERE t.table_type = 'BASE TABLE' AND t.table_schema <> 'INFORMATION_SCHEMA'"
                     + " AND t.table_schema <> 'information_schema'"
                     + " AND NOT EXISTS (SELECT 1 FROM information_schema.triggers g WHERE g.event_object_schema ="
                     + " t.table_schema AND g.event_object_table = t.table_name AND g.trigger_name LIKE '"
                     + PREFIX + "%')")) {
            while (rs.next()) {
                missing.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        try (Statement st = connection.createStatement()) {
            for (String[] table : missing) {
                String name = PREFIX + Integer.toHexString((table[0] + "." + table[1]).hashCode()) + "_"
                        + table[1].replaceAll("[^A-Za-z0-9_]", "_");
                st.execute("CREATE TRIGGER IF NOT EXISTS " + Sql.quote(table[0]) + "." + Sql.quote(name)
                        + " AFTER INSERT, UPDATE, DELETE ON " + Sql.quote(table[0]) + "." + Sql.quote(table[1])
                        + " FOR EACH ROW CALL '" + RedoCaptureTrigger.class.getName() + "'");
            }
        }
    }
}

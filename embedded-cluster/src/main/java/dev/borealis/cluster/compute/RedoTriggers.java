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

    /**
     * Runs after each DDL statement (DDL is rare). H2 rebuilds a table under a temporary name for some
     * ALTERs and a trigger keeps the table name it was created with, so after ALTER or RENAME every
     * redo trigger is created afresh; after other DDL only tables lacking one get it.
     */
    static void afterDdl(Connection connection, String ddl) throws SQLException {
        java.util.List<String> words = SqlClassifier.leadingWords(ddl, 1);
        if (!words.isEmpty() && (words.get(0).equals("ALTER") || words.get(0).equals("RENAME"))) {
            dropAll(connection);
        }
        install(connection);
    }

    private static void dropAll(Connection connection) throws SQLException {
        List<String> drops = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT trigger_schema, trigger_name FROM information_schema.triggers"
                     + " WHERE trigger_name LIKE '" + PREFIX + "%'")) {
            while (rs.next()) {
                drops.add("DROP TRIGGER IF EXISTS " + Sql.quote(rs.getString(1)) + "." + Sql.quote(rs.getString(2)));
            }
        }
        try (Statement st = connection.createStatement()) {
            for (String drop : drops) {
                st.execute(drop);
            }
        }
    }

    /** Installs the trigger on every base table that lacks it. */
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

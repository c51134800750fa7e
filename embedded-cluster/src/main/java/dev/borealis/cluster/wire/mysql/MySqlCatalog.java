package dev.borealis.cluster.wire.mysql;

import org.h2.tools.SimpleResultSet;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * MySQL-shaped {@code information_schema} tables (the ones Connector/J's DatabaseMetaData and tools
 * read) as views in {@code borealis_sys}, computed from H2's own information schema. The translator
 * redirects {@code information_schema.<name>} to them.
 */
public final class MySqlCatalog {

    static final Set<String> VIEWS = Set.of("tables", "columns", "statistics", "schemata", "table_constraints",
            "key_column_usage", "referential_constraints", "routines", "parameters", "column_privileges",
            "table_privileges", "replica_host_status");

    private static final String HIDDEN = "('information_schema', '" + Functions.SCHEMA + "')";

    private MySqlCatalog() {
    }

    static void install(Statement st) throws SQLException {
        String s = Functions.SCHEMA;
        for (String f : new String[] {"tables", "columns", "statistics", "schemata"}) {
            st.execute("CREATE ALIAS IF NOT EXISTS " + s + "." + f + "_rows FOR \"" + MySqlCatalog.class.getName() + "." + f + "\"");
            st.execute("CREATE VIEW IF NOT EXISTS " + s + "." + f + " AS SELECT * FROM " + s + "." + f + "_rows()");
        }
        st.execute("CREATE VIEW IF NOT EXISTS " + s + ".table_constraints AS SELECT 'def' AS constraint_catalog,"
                + " tc.constraint_schema, CASE WHEN tc.constraint_type = 'PRIMARY KEY' THEN 'PRIMARY' ELSE tc.constraint_name"
                + " END AS constraint_name, tc.table_schema, tc.table_name, tc.constraint_type, 'YES' AS enforced"
                + " FROM information_schema.table_constraints tc WHERE LOWER(tc.table_schema) NOT IN " + HIDDEN);
        st.execute("CREATE VIEW IF NOT EXISTS " + s + ".key_column_usage AS SELECT 'def' AS constraint_catalog,"
                + " k.constraint_schema, CASE WHEN tc.constraint_type = 'PRIMARY KEY' THEN 'PRIMARY' ELSE k.constraint_name"
                + " END AS constraint_name, 'def' AS table_catalog, k.table_schema, k.table_name, k.column_name,"
                + " k.ordinal_position, k.position_in_unique_constraint, ru.table_schema AS referenced_table_schema,"
                + " ru.table_name AS referenced_table_name, ru.column_name AS referenced_column_name"
                + " FROM information_schema.key_column_usage k JOIN information_schema.table_constraints tc"
                + " ON tc.constraint_schema = k.constraint_schema AND tc.constraint_name = k.constraint_name"
                + " LEFT JOIN information_schema.referential_constraints rc ON rc.constraint_schema = k.constraint_schema"
                + " AND rc.constraint_name = k.constraint_name LEFT JOIN information_schema.key_column_usage ru"
                + " ON ru.constraint_schema = rc.unique_constraint_schema AND ru.constraint_name = rc.unique_constraint_name"
                + " AND ru.ordinal_position = k.position_in_unique_constraint"
                + " WHERE tc.constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')");
        st.execute("CREATE VIEW IF NOT EXISTS " + s + ".referential_constraints AS SELECT 'def' AS constraint_catalog,"
                + " rc.constraint_schema, rc.constraint_name, 'def' AS unique_constraint_catalog,"
                + " rc.unique_constraint_schema, rc.unique_constraint_name, 'NONE' AS match_option, rc.update_rule,"
                + " rc.delete_rule, tc.table_name, ut.table_name AS referenced_table_name"
                + " FROM information_schema.referential_constraints rc JOIN information_schema.table_constraints tc"
                + " ON tc.constraint_schema = rc.constraint_schema AND tc.constraint_name = rc.constraint_name"
                + " JOIN information_schema.table_constraints ut ON ut.constraint_schema = rc.unique_constraint_schema"
                + " AND ut.constraint_name = rc.unique_constraint_name");
        st.execute("CREATE VIEW IF NOT EXISTS " + s + ".routines AS SELECT CAST(NULL AS VARCHAR) AS specific_name,"
                + " 'def' AS routine_catalog, CAST(NULL AS VARCHAR) AS routine_schema, CAST(NULL AS VARCHAR) AS routine_name,"
                + " CAST(NULL AS VARCHAR) AS routine_type, CAST(NULL AS VARCHAR) AS data_type,"
                + " CAST(NULL AS VARCHAR) AS dtd_identifier, CAST(NULL AS VARCHAR) AS routine_comment,"
                + " CAST(NULL AS VARCHAR) AS routine_definition, 'NO' AS is_deterministic FROM (VALUES (1)) x(n) WHERE 1 = 0");
        st.execute("CREATE VIEW IF NOT EXISTS " + s + ".parameters AS SELECT 'def' AS specific_catalog,"
                + " CAST(NULL AS VARCHAR) AS specific_schema, CAST(NULL AS VARCHAR) AS specific_name,"
                + " CAST(0 AS INT) AS ordinal_position, CAST(NULL AS VARCHAR) AS parameter_mode,"
                + " CAST(NULL AS VARCHAR) AS parameter_name, CAST(NULL AS VARCHAR) AS data_type,"
                + " CAST(NULL AS BIGINT) AS character_maximum_length, CAST(NULL AS BIGINT) AS character_octet_length,"
                + " CAST(NULL AS INT) AS numeric_precision, CAST(NULL AS INT) AS numeric_scale,"
                + " CAST(NULL AS INT) AS datetime_precision, CAST(NULL AS VARCHAR) AS character_set_name,"
                + " CAST(NULL AS VARCHAR) AS collation_name, CAST(NULL AS VARCHAR) AS dtd_identifier,"
                + " CAST(NULL AS VARCHAR) AS routine_type FROM (VALUES (1)) x(n) WHERE 1 = 0");
        for (String p : new String[] {"column_privileges", "table_privileges"}) {
            st.execute("CREATE VIEW IF NOT EXISTS " + s + "." + p + " AS SELECT CAST(NULL AS VARCHAR) AS grantee,"
                    + " 'def' AS table_catalog, CAST(NULL AS VARCHAR) AS table_schema, CAST(NULL AS VARCHAR) AS table_name,"
                    + (p.startsWith("column") ? " CAST(NULL AS VARCHAR) AS column_name," : "")
                    + " CAST(NULL AS VARCHAR) AS privilege_type, 'NO' AS is_grantable FROM (VALUES (1)) x(n) WHERE 1 = 0");
        }
    }

    private static boolean shapeOnly(Connection c) throws SQLException {
        return "jdbc:columnlist:connection".equals(c.getMetaData().getURL());
    }

    private static SimpleResultSet shape(Object[][] columns) {
        SimpleResultSet rs = new SimpleResultSet();
        for (Object[] c : columns) {
            rs.addColumn((String) c[0], (Integer) c[1], (Integer) c[1] == Types.VARCHAR ? 512 : 20, 0);
        }
        return rs;
    }

    private static final int V = Types.VARCHAR;
    private static final int B = Types.BIGINT;

    public static ResultSet schemata(Connection c) throws SQLException {
        SimpleResultSet rs = shape(new Object[][] {{"CATALOG_NAME", V}, {"SCHEMA_NAME", V},
            {"DEFAULT_CHARACTER_SET_NAME", V}, {"DEFAULT_COLLATION_NAME", V}, {"SQL_PATH", V}, {"DEFAULT_ENCRYPTION", V}});
        if (shapeOnly(c)) {
            return rs;
        }
        try (Statement st = c.createStatement(); ResultSet r = st.executeQuery(
                "SELECT schema_name FROM information_schema.schemata WHERE LOWER(schema_name) <> '" + Functions.SCHEMA
                        + "' ORDER BY schema_name")) {
            while (r.next()) {
                rs.addRow("def", r.getString(1).toLowerCase(Locale.ROOT), "utf8mb4", "utf8mb4_0900_ai_ci", null, "NO");
            }
        }
        return rs;
    }

    public static ResultSet tables(Connection c) throws SQLException {
        SimpleResultSet rs = shape(new Object[][] {{"TABLE_CATALOG", V}, {"TABLE_SCHEMA", V}, {"TABLE_NAME", V},
            {"TABLE_TYPE", V}, {"ENGINE", V}, {"VERSION", B}, {"ROW_FORMAT", V}, {"TABLE_ROWS", B},
            {"AVG_ROW_LENGTH", B}, {"DATA_LENGTH", B}, {"MAX_DATA_LENGTH", B}, {"INDEX_LENGTH", B}, {"DATA_FREE", B},
            {"AUTO_INCREMENT", B}, {"CREATE_TIME", Types.TIMESTAMP}, {"UPDATE_TIME", Types.TIMESTAMP},
            {"CHECK_TIME", Types.TIMESTAMP}, {"TABLE_COLLATION", V}, {"CHECKSUM", B}, {"CREATE_OPTIONS", V},
            {"TABLE_COMMENT", V}});
        if (shapeOnly(c)) {
            return rs;
        }
        try (Statement st = c.createStatement(); ResultSet r = st.executeQuery(
                "SELECT table_schema, table_name, table_type, remarks FROM information_schema.tables"
                        + " WHERE LOWER(table_schema) NOT IN " + HIDDEN + " ORDER BY table_schema, table_name")) {
            while (r.next()) {
                boolean view = "VIEW".equalsIgnoreCase(r.getString(3));
                rs.addRow("def", r.getString(1), r.getString(2), view ? "VIEW" : "BASE TABLE", view ? null : "InnoDB",
                        10L, "Dynamic", 0L, 0L, 16384L, 0L, 0L, 0L, null, null, null, null,
                        view ? null : "utf8mb4_0900_ai_ci", null, "", r.getString(4) == null ? "" : r.getString(4));
            }
        }
        return rs;
    }

    public static ResultSet columns(Connection c) throws SQLException {
        SimpleResultSet rs = shape(new Object[][] {{"TABLE_CATALOG", V}, {"TABLE_SCHEMA", V}, {"TABLE_NAME", V},
            {"COLUMN_NAME", V}, {"ORDINAL_POSITION", B}, {"COLUMN_DEFAULT", V}, {"IS_NULLABLE", V}, {"DATA_TYPE", V},
            {"CHARACTER_MAXIMUM_LENGTH", B}, {"CHARACTER_OCTET_LENGTH", B}, {"NUMERIC_PRECISION", B},
            {"NUMERIC_SCALE", B}, {"DATETIME_PRECISION", B}, {"CHARACTER_SET_NAME", V}, {"COLLATION_NAME", V},
            {"COLUMN_TYPE", V}, {"COLUMN_KEY", V}, {"EXTRA", V}, {"PRIVILEGES", V}, {"COLUMN_COMMENT", V},
            {"GENERATION_EXPRESSION", V}, {"SRS_ID", B}});
        if (shapeOnly(c)) {
            return rs;
        }
        Map<String, String> keys = columnKeys(c);
        try (Statement st = c.createStatement(); ResultSet r = st.executeQuery(
                "SELECT column_name, data_type, character_maximum_length, numeric_precision, numeric_scale,"
                        + " datetime_precision, is_nullable, column_default, is_identity, remarks, table_schema,"
                        + " table_name, ordinal_position FROM information_schema.columns"
                        + " WHERE LOWER(table_schema) NOT IN " + HIDDEN
                        + " ORDER BY table_schema, table_name, ordinal_position")) {
            while (r.next()) {
                Object[] row = new Object[10];
                for (int i = 0; i < 10; i++) {
                    row[i] = r.getObject(i + 1);
                }
                String type = mysqlType(row);
                String dataType = type.replaceAll("[( ].*", "");
                boolean text = type.contains("char") || type.contains("text") || type.startsWith("enum");
                Long length = text ? (type.contains("text") ? 4294967295L : ((Number) row[2]).longValue()) : null;
                boolean numeric = row[3] != null && !text;
                String key = keys.getOrDefault(r.getString(11) + "." + r.getString(12) + "." + r.getString(1), "");
                boolean identity = "YES".equals(row[8]);
                rs.addRow("def", r.getString(11), r.getString(12), r.getString(1), r.getLong(13),
                        identity ? null : defaultValue(row[7]), row[6], dataType, length,
                        length == null ? null : Math.min(length * 4, 4294967295L),
                        numeric ? precision(dataType, row) : null, numeric ? ((Number) row[4]).longValue() : null,
                        row[5] == null || numeric ? null : ((Number) row[5]).longValue(), text ? "utf8mb4" : null,
                        text ? "utf8mb4_0900_ai_ci" : null, type, key, identity ? "auto_increment" : "",
                        "select,insert,update,references", row[9] == null ? "" : row[9], "", null);
            }
        }
        return rs;
    }

    private static Long precision(String dataType, Object[] row) {
        switch (dataType) {
            case "int": return 10L;
            case "bigint": return 19L;
            case "smallint": return 5L;
            case "tinyint": return 3L;
            case "double": return 22L;
            case "float": return 12L;
            default: return ((Number) row[3]).longValue();
        }
    }

    private static String defaultValue(Object d) {
        if (d == null) {
            return null;
        }
        String s = d.toString();
        return s.length() >= 2 && s.startsWith("'") && s.endsWith("'") ? s.substring(1, s.length() - 1).replace("''", "'") : s;
    }

    private static Map<String, String> columnKeys(Connection c) throws SQLException {
        Map<String, String> keys = new HashMap<>();
        for (Object[] r : indexColumns(c)) {
            String k = r[0] + "." + r[1] + "." + r[4];
            String kind = (String) r[3];
            String key = kind.equals("PRIMARY KEY") ? "PRI" : kind.startsWith("UNIQUE") ? "UNI" : "MUL";
            if (((Number) r[5]).intValue() == 1 && (!keys.containsKey(k) || key.equals("PRI"))) {
                keys.put(k, key);
            }
        }
        return keys;
    }

    /** schema, table, index name, index type, column, position, nullable. */
    private static List<Object[]> indexColumns(Connection c) throws SQLException {
        List<Object[]> out = new java.util.ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet r = st.executeQuery(
                "SELECT i.table_schema, i.table_name, i.index_name, i.index_type_name, ic.column_name,"
                        + " ic.ordinal_position, col.is_nullable FROM information_schema.indexes i"
                        + " JOIN information_schema.index_columns ic ON ic.index_schema = i.index_schema"
                        + " AND ic.index_name = i.index_name AND ic.table_name = i.table_name"
                        + " JOIN information_schema.columns col ON col.table_schema = i.table_schema"
                        + " AND col.table_name = i.table_name AND col.column_name = ic.column_name"
                        + " WHERE LOWER(i.table_schema) NOT IN " + HIDDEN
                        + " ORDER BY i.table_schema, i.table_name, i.index_name, ic.ordinal_position")) {
            while (r.next()) {
                out.add(new Object[] {r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                    r.getInt(6), r.getString(7)});
            }
        }
        return out;
    }

    public static ResultSet statistics(Connection c) throws SQLException {
        SimpleResultSet rs = shape(new Object[][] {{"TABLE_CATALOG", V}, {"TABLE_SCHEMA", V}, {"TABLE_NAME", V},
            {"NON_UNIQUE", B}, {"INDEX_SCHEMA", V}, {"INDEX_NAME", V}, {"SEQ_IN_INDEX", B}, {"COLUMN_NAME", V},
            {"COLLATION", V}, {"CARDINALITY", B}, {"SUB_PART", B}, {"PACKED", V}, {"NULLABLE", V}, {"INDEX_TYPE", V},
            {"COMMENT", V}, {"INDEX_COMMENT", V}, {"IS_VISIBLE", V}, {"EXPRESSION", V}});
        if (shapeOnly(c)) {
            return rs;
        }
        for (Object[] r : indexColumns(c)) {
            String kind = (String) r[3];
            boolean unique = kind.equals("PRIMARY KEY") || kind.startsWith("UNIQUE");
            String name = kind.equals("PRIMARY KEY") ? "PRIMARY" : indexName((String) r[2]);
            rs.addRow("def", r[0], r[1], unique ? 0L : 1L, r[0], name, ((Number) r[5]).longValue(), r[4], "A", 0L, null,
                    null, "YES".equals(r[6]) ? "YES" : "", "BTREE", "", "", "YES", null);
        }
        return rs;
    }

    /** MySQL's COLUMN_TYPE text for an H2 column (Connector/J parses it for DatabaseMetaData). */
    static String mysqlType(Object[] r) {
        String type = String.valueOf(r[1]).toUpperCase(Locale.ROOT);
        long length = r[2] == null ? 0 : ((Number) r[2]).longValue();
        long precision = r[3] == null ? 0 : ((Number) r[3]).longValue();
        long scale = r[4] == null ? 0 : ((Number) r[4]).longValue();
        long fsp = r[5] == null ? 0 : ((Number) r[5]).longValue();
        switch (type) {
            case "INTEGER": return "int";
            case "BIGINT": return "bigint";
            case "SMALLINT": return "smallint";
            case "TINYINT": return "tinyint";
            case "BOOLEAN": return "tinyint(1)";
            case "CHARACTER VARYING": case "VARCHAR_IGNORECASE": return length > 65535 ? "longtext" : "varchar(" + length + ")";
            case "CHARACTER": return "char(" + length + ")";
            case "CHARACTER LARGE OBJECT": return "longtext";
            case "BINARY LARGE OBJECT": return "longblob";
            case "BINARY VARYING": return length > 65535 ? "longblob" : "varbinary(" + length + ")";
            case "BINARY": return "binary(" + length + ")";
            case "NUMERIC": case "DECIMAL": return "decimal(" + precision + "," + scale + ")";
            case "DECFLOAT": return "decimal(65,30)";
            case "DOUBLE PRECISION": return "double";
            case "REAL": return "float";
            case "DATE": return "date";
            case "TIME": return fsp > 0 ? "time(" + fsp + ")" : "time";
            case "TIMESTAMP": return fsp > 0 ? "datetime(" + fsp + ")" : "datetime";
            case "TIMESTAMP WITH TIME ZONE": return fsp > 0 ? "timestamp(" + fsp + ")" : "timestamp";
            case "JSON": return "json";
            case "UUID": return "char(36)";
            case "ENUM": return "enum";
            default: return type.toLowerCase(Locale.ROOT);
        }
    }

    /** H2 names the index of {@code UNIQUE KEY u} {@code u_INDEX_xx}; MySQL shows {@code u}. */
    static String indexName(String h2Name) {
        int generated = h2Name.indexOf("_INDEX_");
        return generated > 0 ? h2Name.substring(0, generated) : h2Name;
    }
}

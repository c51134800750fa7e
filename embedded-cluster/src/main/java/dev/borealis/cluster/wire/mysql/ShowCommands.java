package dev.borealis.cluster.wire.mysql;

import dev.borealis.cluster.Result;
import dev.borealis.cluster.Session;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code SHOW} statements clients send, answered from H2's information schema and the
 * connection's state, in MySQL's column layout, with {@code LIKE} and {@code WHERE} filters.
 */
final class ShowCommands {

    private final MySqlConnection connection;

    ShowCommands(MySqlConnection connection) {
        this.connection = connection;
    }

    private record Target(String schema, String table, int next) {
    }

    Outcome run(List<SqlToken> t) throws SQLException {
        int i = 1;
        boolean full = false;
        while (i < t.size() && (t.get(i).isWord("FULL") || t.get(i).isWord("GLOBAL") || t.get(i).isWord("SESSION")
                || t.get(i).isWord("EXTENDED"))) {
            full |= t.get(i).isWord("FULL");
            i++;
        }
        String what = i < t.size() ? t.get(i).upper() : "";
        switch (what) {
            case "VARIABLES": return filter(variables(), t, i + 1);
            case "STATUS": return filter(status(), t, i + 1);
            case "DATABASES": case "SCHEMAS": return filter(databases(), t, i + 1);
            case "TABLES": return tables(t, i + 1, full);
            case "COLUMNS": case "FIELDS": return columns(t, i + 1, full);
            case "INDEX": case "INDEXES": case "KEYS": return indexes(t, i + 1);
            case "WARNINGS": case "ERRORS": return Outcome.rows(warnings().toResultSet());
            case "CREATE": return create(t, i + 1);
            case "PROCESSLIST": return Outcome.rows(processList(full).toResultSet());
            case "ENGINES": return Outcome.rows(new ShowTable("Engine", "Support", "Comment", "Transactions", "XA",
                    "Savepoints").add("InnoDB", "DEFAULT", "Supports transactions, row-level locking, and foreign keys",
                    "YES", "YES", "YES").toResultSet());
            case "COLLATION": return filter(new ShowTable("Collation", "Charset", "Id", "Default", "Compiled", "Sortlen",
                    "Pad_attribute").add("utf8mb4_0900_ai_ci", "utf8mb4", 255L, "Yes", "Yes", 0L, "NO PAD")
                    .add("utf8mb4_general_ci", "utf8mb4", 45L, "", "Yes", 1L, "PAD SPACE")
                    .add("utf8mb4_bin", "utf8mb4", 46L, "", "Yes", 1L, "PAD SPACE")
                    .add("binary", "binary", 63L, "Yes", "Yes", 1L, "NO PAD"), t, i + 1);
            case "CHARACTER": case "CHARSET": return filter(new ShowTable("Charset", "Description", "Default collation",
                    "Maxlen").add("utf8mb4", "UTF-8 Unicode", "utf8mb4_0900_ai_ci", 4L)
                    .add("binary", "Binary pseudo charset", "binary", 1L), t, what.equals("CHARACTER") ? i + 2 : i + 1);
            default:
                throw MySqlError.notSupported("SHOW " + what).exception();
        }
    }

    Outcome describe(List<SqlToken> t) throws SQLException {
        Target target = target(t, 1);
        return Outcome.rows(columnTable(target, false).toResultSet());
    }

    // ---------------------------------------------------------------- filters

    private Outcome filter(ShowTable table, List<SqlToken> t, int i) throws SQLException {
        if (i >= t.size()) {
            return Outcome.rows(table.toResultSet());
        }
        if (t.get(i).isWord("LIKE") && i + 1 < t.size()) {
            return Outcome.rows(table.like(t.get(i + 1).identifier()).toResultSet());
        }
        if (t.get(i).isWord("WHERE")) {
            if (table.rows().isEmpty()) {
                return Outcome.rows(table.toResultSet());
            }
            StringBuilder where = new StringBuilder();
            for (int k = i + 1; k < t.size(); k++) {
                where.append(t.get(k).text()).append(' ');
            }
            String sql = table.valuesQuery(SqlTranslator.translate(where.toString(), connection));
            Result result = connection.checkSession().execute(sql);
            return new Outcome(result.rows(), result, -1, 0);
        }
        throw MySqlError.syntax(t.get(i).text()).exception();
    }

    private int skipFrom(List<SqlToken> t, int i) {
        return i < t.size() && (t.get(i).isWord("FROM") || t.get(i).isWord("IN")) ? i + 2 : i;
    }

    // ---------------------------------------------------------------- simple lists

    private ShowTable variables() {
        ShowTable table = new ShowTable("Variable_name", "Value");
        for (Map.Entry<String, Object> e : connection.variables().all().entrySet()) {
            table.add(e.getKey(), e.getValue() == null ? "" : ValueCodec.textString(e.getValue(), 0));
        }
        return table;
    }

    private ShowTable status() {
        ServerState state = connection.serverState();
        long uptime = (System.currentTimeMillis() - state.startedMillis()) / 1000;
        return new ShowTable("Variable_name", "Value")
                .add("Connections", String.valueOf(state.connections().size()))
                .add("Ssl_cipher", connection.client().isTls() ? "TLS_AES_128_GCM_SHA256" : "")
                .add("Ssl_version", connection.client().isTls() ? "TLSv1.3" : "")
                .add("Threads_connected", String.valueOf(state.connections().size()))
                .add("Threads_running", "1")
                .add("Uptime", String.valueOf(uptime));
    }

    private ShowTable databases() throws SQLException {
        ShowTable table = new ShowTable("Database");
        for (Object[] row : query("SELECT schema_name FROM information_schema.schemata ORDER BY schema_name")) {
            String name = String.valueOf(row[0]);
            if (!name.equalsIgnoreCase(Functions.SCHEMA)) {
                table.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return table;
    }

    private ShowTable warnings() {
        ShowTable table = new ShowTable("Level", "Code", "Message");
        MySqlError error = connection.lastError();
        if (error != null) {
            table.add("Error", (long) error.code(), error.message());
        }
        return table;
    }

    private ShowTable processList(boolean full) {
        ShowTable table = new ShowTable("Id", "User", "Host", "db", "Command", "Time", "State", "Info");
        long now = System.currentTimeMillis();
        for (MySqlConnection c : connection.serverState().connections()) {
            if (c.instance() != connection.instance() || c.user() == null) {
                continue;
            }
            String sql = c.currentSql();
            if (sql != null && !full && sql.length() > 100) {
                sql = sql.substring(0, 100);
            }
            table.add((long) c.id(), c.user(), c.client().remoteAddress(), c.schemaOrNull(), sql == null ? "Sleep" : "Query",
                    (now - c.commandStartMillis()) / 1000, sql == null ? "" : "executing", sql);
        }
        return table;
    }

    // ---------------------------------------------------------------- tables, columns, indexes

    private Outcome tables(List<SqlToken> t, int i, boolean full) throws SQLException {
        String schema = currentSchema();
        if (i < t.size() && (t.get(i).isWord("FROM") || t.get(i).isWord("IN"))) {
            schema = t.get(i + 1 < t.size() ? i + 1 : i).identifier().toLowerCase(Locale.ROOT);
            i += 2;
        }
        ShowTable table = full ? new ShowTable("Tables_in_" + schema, "Table_type") : new ShowTable("Tables_in_" + schema);
        for (Object[] row : query("SELECT table_name, table_type FROM information_schema.tables WHERE LOWER(table_schema) = ?"
                + " ORDER BY table_name", schema)) {
            String type = "VIEW".equalsIgnoreCase(String.valueOf(row[1])) ? "VIEW" : "BASE TABLE";
            if (full) {
                table.add(row[0], type);
            } else {
                table.add(row[0]);
            }
        }
        return filter(table, t, i);
    }

    private Target target(List<SqlToken> t, int i) throws SQLException {
        i = i < t.size() && (t.get(i).isWord("FROM") || t.get(i).isWord("IN")) ? i + 1 : i;
        if (i >= t.size()) {
            throw MySqlError.syntax("").exception();
        }
        String table = t.get(i).identifier();
        String schema = null;
        i++;
        if (i + 1 < t.size() && t.get(i).isSymbol(".")) {
            schema = table;
            table = t.get(i + 1).identifier();
            i += 2;
        }
        if (i + 1 < t.size() && (t.get(i).isWord("FROM") || t.get(i).isWord("IN"))) {
            schema = t.get(i + 1).identifier();
            i += 2;
        }
        String s = schema == null ? currentSchema() : schema.toLowerCase(Locale.ROOT);
        return new Target(s, table.toLowerCase(Locale.ROOT), i);
    }

    private Outcome columns(List<SqlToken> t, int i, boolean full) throws SQLException {
        Target target = target(t, i);
        return filter(columnTable(target, full), t, target.next());
    }

    private ShowTable columnTable(Target target, boolean full) throws SQLException {
        List<Object[]> rows = query("SELECT column_name, data_type, character_maximum_length, numeric_precision,"
                + " numeric_scale, datetime_precision, is_nullable, column_default, is_identity, remarks"
                + " FROM information_schema.columns WHERE LOWER(table_schema) = ? AND LOWER(table_name) = ?"
                + " ORDER BY ordinal_position", target.schema(), target.table());
        if (rows.isEmpty()) {
            throw new MySqlError(1146, "42S02", "Table '" + target.schema() + "." + target.table() + "' doesn't exist")
                    .exception();
        }
        Map<String, String> keys = columnKeys(target);
        ShowTable table = full
                ? new ShowTable("Field", "Type", "Collation", "Null", "Key", "Default", "Extra", "Privileges", "Comment")
                : new ShowTable("Field", "Type", "Null", "Key", "Default", "Extra");
        for (Object[] r : rows) {
            String type = MySqlCatalog.mysqlType(r);
            String key = keys.getOrDefault(String.valueOf(r[0]).toLowerCase(Locale.ROOT), "");
            String extra = "YES".equals(r[8]) ? "auto_increment" : "";
            Object dflt = "YES".equals(r[8]) ? null : unquoteDefault(r[7]);
            boolean text = type.contains("char") || type.contains("text") || type.startsWith("enum");
            if (full) {
                table.add(r[0], type, text ? "utf8mb4_0900_ai_ci" : null, r[6], key, dflt, extra,
                        "select,insert,update,references", r[9] == null ? "" : r[9]);
            } else {
                table.add(r[0], type, r[6], key, dflt, extra);
            }
        }
        return table;
    }

    private static Object unquoteDefault(Object d) {
        if (d == null) {
            return null;
        }
        String s = d.toString();
        return s.length() >= 2 && s.startsWith("'") && s.endsWith("'") ? s.substring(1, s.length() - 1).replace("''", "'") : s;
    }

    private List<Object[]> indexRows(Target target) throws SQLException {
        return query("SELECT i.index_name, i.index_type_name, c.column_name, c.ordinal_position, col.is_nullable"
                + " FROM information_schema.indexes i JOIN information_schema.index_columns c"
                + " ON c.index_schema = i.index_schema AND c.index_name = i.index_name AND c.table_name = i.table_name"
                + " JOIN information_schema.columns col ON col.table_schema = i.table_schema"
                + " AND col.table_name = i.table_name AND col.column_name = c.column_name"
                + " WHERE LOWER(i.table_schema) = ? AND LOWER(i.table_name) = ?"
                + " ORDER BY CASE WHEN i.index_type_name = 'PRIMARY KEY' THEN 0 ELSE 1 END, i.index_name, c.ordinal_position",
                target.schema(), target.table());
    }

    private Map<String, String> columnKeys(Target target) throws SQLException {
        Map<String, String> keys = new LinkedHashMap<>();
        for (Object[] r : indexRows(target)) {
            String column = String.valueOf(r[2]).toLowerCase(Locale.ROOT);
            String kind = String.valueOf(r[1]);
            boolean first = ((Number) r[3]).intValue() == 1;
            String key = kind.equals("PRIMARY KEY") ? "PRI" : kind.startsWith("UNIQUE") ? "UNI" : "MUL";
            if (first && !keys.containsKey(column)) {
                keys.put(column, key);
            }
        }
        return keys;
    }

    private Outcome indexes(List<SqlToken> t, int i) throws SQLException {
        Target target = target(t, i);
        ShowTable table = new ShowTable("Table", "Non_unique", "Key_name", "Seq_in_index", "Column_name", "Collation",
                "Cardinality", "Sub_part", "Packed", "Null", "Index_type", "Comment", "Index_comment", "Visible",
                "Expression");
        for (Object[] r : indexRows(target)) {
            String kind = String.valueOf(r[1]);
            boolean unique = kind.equals("PRIMARY KEY") || kind.startsWith("UNIQUE");
            table.add(target.table(), unique ? 0L : 1L, indexName(String.valueOf(r[0]), kind), ((Number) r[3]).longValue(),
                    r[2], "A", 0L, null, null, "YES".equals(r[4]) ? "YES" : "", "BTREE", "", "", "YES", null);
        }
        return filter(table, t, target.next());
    }

    private static String indexName(String h2Name, String kind) {
        return kind.equals("PRIMARY KEY") ? "PRIMARY" : MySqlCatalog.indexName(h2Name);
    }

    private Outcome create(List<SqlToken> t, int i) throws SQLException {
        if (i < t.size() && (t.get(i).isWord("DATABASE") || t.get(i).isWord("SCHEMA"))) {
            String name = i + 1 < t.size() ? t.get(t.size() - 1).identifier().toLowerCase(Locale.ROOT) : "";
            if (query("SELECT 1 FROM information_schema.schemata WHERE LOWER(schema_name) = ?", name).isEmpty()) {
                throw new MySqlError(1049, "42000", "Unknown database '" + name + "'").exception();
            }
            return Outcome.rows(new ShowTable("Database", "Create Database").add(name, "CREATE DATABASE `" + name
                    + "` /*!40100 DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci */").toResultSet());
        }
        if (i < t.size() && (t.get(i).isWord("TABLE") || t.get(i).isWord("VIEW"))) {
            Target target = target(t, i + 1);
            return Outcome.rows(new ShowTable("Table", "Create Table").add(target.table(), createTable(target)).toResultSet());
        }
        throw MySqlError.notSupported("SHOW CREATE " + (i < t.size() ? t.get(i).text() : "")).exception();
    }

    private String createTable(Target target) throws SQLException {
        ShowTable columns = columnTable(target, false);
        StringBuilder b = new StringBuilder("CREATE TABLE `").append(target.table()).append("` (\n");
        List<String> lines = new ArrayList<>();
        for (Object[] c : columns.rows()) {
            StringBuilder line = new StringBuilder("  `").append(c[0]).append("` ").append(c[1]);
            line.append("NO".equals(c[2]) ? " NOT NULL" : "");
            if (c[4] != null) {
                line.append(" DEFAULT ").append(SqlLexer.quote(c[4].toString()));
            }
            if ("auto_increment".equals(c[5])) {
                line.append(" AUTO_INCREMENT");
            }
            lines.add(line.toString());
        }
        Map<String, List<String>> indexes = new LinkedHashMap<>();
        Map<String, String> kinds = new LinkedHashMap<>();
        for (Object[] r : indexRows(target)) {
            String name = indexName(String.valueOf(r[0]), String.valueOf(r[1]));
            indexes.computeIfAbsent(name, k -> new ArrayList<>()).add("`" + r[2] + "`");
            kinds.put(name, String.valueOf(r[1]));
        }
        for (Map.Entry<String, List<String>> e : indexes.entrySet()) {
            String kind = kinds.get(e.getKey());
            String cols = String.join(",", e.getValue());
            lines.add(kind.equals("PRIMARY KEY") ? "  PRIMARY KEY (" + cols + ")"
                    : "  " + (kind.startsWith("UNIQUE") ? "UNIQUE KEY" : "KEY") + " `" + e.getKey() + "` (" + cols + ")");
        }
        return b.append(String.join(",\n", lines))
                .append("\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci").toString();
    }

    // ---------------------------------------------------------------- helpers

    private String currentSchema() throws SQLException {
        String schema = connection.checkSession().schema();
        return schema == null ? "public" : schema.toLowerCase(Locale.ROOT);
    }

    private List<Object[]> query(String sql, Object... parameters) throws SQLException {
        Session session = connection.checkSession();
        List<Object[]> rows = new ArrayList<>();
        try (Result result = session.execute(sql, List.of(parameters), false)) {
            ResultSet rs = result.rows();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Object[] row = new Object[n];
                for (int c = 0; c < n; c++) {
                    row[c] = rs.getObject(c + 1);
                }
                rows.add(row);
            }
        }
        return rows;
    }
}

package dev.borealis.cluster.wire.mysql;

import dev.borealis.cluster.Result;
import dev.borealis.cluster.Session;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides, by a statement's leading keywords, whether the frontend answers it itself (SET, SHOW, USE,
 * KILL, CREATE/DROP DATABASE, transaction control) or translates it for the session; statements H2
 * cannot run get MySQL's "not supported yet" error.
 */
final class StatementRouter {

    private static final Set<String> UNSUPPORTED = Set.of("LOCK", "CALL", "LOAD", "HANDLER", "XA", "INSTALL",
            "UNINSTALL", "CHANGE", "PURGE", "RESET", "CACHE", "BINLOG", "IMPORT", "CLONE", "RESTART", "SHUTDOWN");
    private static final Set<String> UNSUPPORTED_CREATE = Set.of("PROCEDURE", "FUNCTION", "TRIGGER", "EVENT",
            "USER", "ROLE", "SERVER", "TABLESPACE", "LOGFILE", "SPATIAL", "DEFINER");

    private final MySqlConnection connection;
    private final ShowCommands show;

    StatementRouter(MySqlConnection connection) {
        this.connection = connection;
        this.show = new ShowCommands(connection);
    }

    static List<SqlToken> significant(String sql) {
        List<SqlToken> out = new ArrayList<>();
        for (SqlToken t : SqlLexer.tokenize(sql)) {
            if (t.significant()) {
                out.add(t);
            }
        }
        return out;
    }

    private static String word(List<SqlToken> t, int i) {
        return i < t.size() && t.get(i).type() == SqlToken.Type.WORD ? t.get(i).upper() : "";
    }

    /** SHOW WARNINGS / SHOW ERRORS read the previous statement's diagnostics instead of clearing them. */
    static boolean readsDiagnostics(String sql) {
        List<SqlToken> t = significant(sql);
        return word(t, 0).equals("SHOW") && (word(t, 1).equals("WARNINGS") || word(t, 1).equals("ERRORS")
                || word(t, 1).equals("COUNT"));
    }

    /** True for statements the frontend answers itself (prepared statements run them through the text path). */
    boolean isServerHandled(String sql) {
        List<SqlToken> t = significant(sql);
        String first = word(t, 0);
        switch (first) {
            case "SET": case "SHOW": case "USE": case "KILL": case "START": case "BEGIN": case "COMMIT":
            case "DESCRIBE": case "DESC": case "UNLOCK":
                return true;
            case "ROLLBACK":
                return !word(t, 1).equals("TO") && !word(t, 2).equals("TO");
            case "CREATE": case "DROP":
                return isDatabaseWord(word(t, 1));
            default:
                return UNSUPPORTED.contains(first);
        }
    }

    Outcome execute(String sql) throws SQLException {
        List<SqlToken> t = significant(sql);
        String first = word(t, 0);
        switch (first) {
            case "SET": return new SetCommand(connection, t).run();
            case "SHOW": return show.run(t);
            case "DESCRIBE": case "DESC": return show.describe(t);
            case "USE": use(t.size() > 1 ? t.get(1).identifier() : ""); return Outcome.ok();
            case "KILL": return killStatement(t);
            case "START": return startTransaction(t);
            case "BEGIN": connection.checkSession().begin(connection.checkSession().isReadOnly()); return Outcome.ok();
            case "COMMIT": connection.checkSession().commit(); return Outcome.ok();
            case "UNLOCK": return Outcome.ok();
            case "ROLLBACK":
                if (!word(t, 1).equals("TO") && !word(t, 2).equals("TO")) {
                    connection.checkSession().rollback();
                    return Outcome.ok();
                }
                break;
            case "CREATE": case "DROP":
                if (isDatabaseWord(word(t, 1))) {
                    return database(first.equals("CREATE"), t);
                }
                if (first.equals("CREATE") && createsUnsupported(t)) {
                    throw MySqlError.notSupported("CREATE " + word(t, 1)).exception();
                }
                break;
            default:
                if (UNSUPPORTED.contains(first)) {
                    throw MySqlError.notSupported(first + " " + word(t, 1)).exception();
                }
        }
        return run(sql, first.equals("INSERT") || first.equals("REPLACE"));
    }

    private static boolean createsUnsupported(List<SqlToken> t) {
        for (int i = 1; i < Math.min(t.size(), 4); i++) {
            if (UNSUPPORTED_CREATE.contains(word(t, i))) {
                return true;
            }
            if (word(t, i).equals("TABLE") || word(t, i).equals("VIEW") || word(t, i).equals("INDEX")) {
                return false;
            }
        }
        return false;
    }

    private static boolean isDatabaseWord(String w) {
        return w.equals("DATABASE") || w.equals("SCHEMA");
    }

    /** Translates and executes on the session; inserts report their first generated key as MySQL does. */
    Outcome run(String mysql, boolean insert) throws SQLException {
        Session session = connection.checkSession();
        String h2 = SqlTranslator.translate(mysql, connection);
        Result result = session.execute(h2, List.of(), insert);
        return outcome(result, mysql);
    }

    /**
     * The statement's outcome. As in MySQL, only a value the server generated counts as the insert id:
     * H2 also reports keys the statement gave explicitly, so those are ignored.
     */
    static Outcome outcome(Result result, String mysql) throws SQLException {
        if (result.hasRows()) {
            return new Outcome(result.rows(), result, -1, 0);
        }
        long id = firstKey(result.generatedKeys(), mysql);
        result.close();
        return new Outcome(null, null, result.updateCount(), id);
    }

    private static long firstKey(ResultSet keys, String mysql) throws SQLException {
        if (keys == null || !keys.next() || keys.getMetaData().getColumnCount() == 0) {
            return 0;
        }
        if (InsertColumns.names(mysql).contains(keys.getMetaData().getColumnLabel(1).toLowerCase(Locale.ROOT))) {
            return 0;
        }
        Object value = keys.getObject(1);
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return value == null ? 0 : new BigDecimal(value.toString()).longValue();
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    void use(String database) throws SQLException {
        if (database == null || database.isBlank()) {
            throw new MySqlError(1046, "3D000", "No database selected").exception();
        }
        String name = database.strip().toLowerCase(Locale.ROOT);
        if (name.equals(Functions.SCHEMA)) {
            throw new MySqlError(1049, "42000", "Unknown database '" + database + "'").exception();
        }
        try {
            connection.checkSession().setSchema(name);
        } catch (SQLException e) {
            if (e.getErrorCode() == org.h2.api.ErrorCode.SCHEMA_NOT_FOUND_1) {
                throw new MySqlError(1049, "42000", "Unknown database '" + database + "'").exception();
            }
            throw e;
        }
    }

    private Outcome database(boolean create, List<SqlToken> t) throws SQLException {
        int i = 2;
        boolean guarded = false;
        if (word(t, i).equals("IF")) {
            guarded = true;
            i += create ? 3 : 2;
        }
        if (i >= t.size()) {
            throw MySqlError.syntax("").exception();
        }
        String name = t.get(i).identifier().toLowerCase(Locale.ROOT);
        if (name.equals(Functions.SCHEMA) || name.equals("information_schema")) {
            throw new MySqlError(1044, "42000", "Access denied for user '" + connection.user() + "' to database '"
                    + name + "'").exception();
        }
        String h2 = create ? "CREATE SCHEMA " + (guarded ? "IF NOT EXISTS " : "") + quoteIdent(name)
                : "DROP SCHEMA " + (guarded ? "IF EXISTS " : "") + quoteIdent(name) + " CASCADE";
        try {
            connection.checkSession().execute(h2).close();
        } catch (SQLException e) {
            if (!create && e.getErrorCode() == org.h2.api.ErrorCode.SCHEMA_NOT_FOUND_1) {
                throw new MySqlError(1008, "HY000", "Can't drop database '" + name + "'; database doesn't exist").exception();
            }
            throw e;
        }
        return Outcome.ok(create ? 1 : 0);
    }

    static String quoteIdent(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private Outcome startTransaction(List<SqlToken> t) throws SQLException {
        if (!word(t, 1).equals("TRANSACTION")) {
            throw MySqlError.syntax(t.size() > 1 ? t.get(1).text() : "").exception();
        }
        Session s = connection.checkSession();
        boolean readOnly = s.isReadOnly();
        for (int i = 2; i + 1 < t.size(); i++) {
            if (word(t, i).equals("READ") && word(t, i + 1).equals("ONLY")) {
                readOnly = true;
            } else if (word(t, i).equals("READ") && word(t, i + 1).equals("WRITE")) {
                if (connection.sessionReadOnly()) {
                    throw new MySqlError(1792, "25006", "Cannot execute statement in a READ ONLY transaction.").exception();
                }
                readOnly = false;
            }
        }
        s.begin(readOnly);
        return Outcome.ok();
    }

    private Outcome killStatement(List<SqlToken> t) throws SQLException {
        int i = 1;
        boolean queryOnly = false;
        if (word(t, i).equals("QUERY")) {
            queryOnly = true;
            i++;
        } else if (word(t, i).equals("CONNECTION")) {
            i++;
        }
        if (i >= t.size() || t.get(i).type() != SqlToken.Type.NUMBER) {
            throw MySqlError.syntax(i < t.size() ? t.get(i).text() : "").exception();
        }
        int id;
        try {
            id = Integer.parseInt(t.get(i).text());
        } catch (NumberFormatException e) {
            throw new MySqlError(1094, "HY000", "Unknown thread id: " + t.get(i).text()).exception();
        }
        kill(id, queryOnly);
        return Outcome.ok();
    }

    void kill(int id, boolean queryOnly) throws SQLException {
        MySqlConnection target = connection.serverState().connection(id);
        if (target == null || target.instance() != connection.instance()) {
            throw new MySqlError(1094, "HY000", "Unknown thread id: " + id).exception();
        }
        if (queryOnly) {
            target.cancelQuery();
        } else if (target == connection) {
            throw new MySqlError(1317, "70100", "Query execution was interrupted").exception();
        } else {
            target.kill();
        }
    }

    /** COM_FIELD_LIST: the column definitions of a table, each followed by its (empty) default value. */
    void fieldList(String table) throws SQLException, IOException {
        String h2 = "SELECT * FROM " + SqlTranslator.translate(table, connection) + " WHERE 1 = 0";
        try (Result result = connection.checkSession().execute(h2)) {
            for (ColumnDef def : ResultWriter.columns(result.rows().getMetaData())) {
                byte[] encoded = def.encode();
                connection.channel().write(new PayloadWriter(encoded.length + 1).bytes(encoded).lenenc(0).toByteArray());
            }
        }
        connection.channel().write(Messages.eof(0, connection.status()));
    }
}

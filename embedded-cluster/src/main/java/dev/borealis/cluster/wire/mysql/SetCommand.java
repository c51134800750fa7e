package dev.borealis.cluster.wire.mysql;

import dev.borealis.cluster.Result;
import dev.borealis.cluster.Session;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code SET}: session system variables (with the live ones — autocommit, transaction access mode —
 * applied to the session), {@code SET NAMES}, {@code SET [SESSION] TRANSACTION …}, user variables
 * (kept by H2). {@code SET GLOBAL} is refused as on Aurora.
 */
final class SetCommand {

    private final MySqlConnection connection;
    private final List<SqlToken> tokens;

    SetCommand(MySqlConnection connection, List<SqlToken> tokens) {
        this.connection = connection;
        this.tokens = tokens;
    }

    Outcome run() throws SQLException {
        if (is(1, "NAMES") || is(1, "CHARSET") || is(1, "CHARACTER") && is(2, "SET")) {
            return names();
        }
        int scopeAt = 1;
        boolean global = is(1, "GLOBAL") || is(1, "PERSIST") || is(1, "PERSIST_ONLY");
        if (global || is(1, "SESSION") || is(1, "LOCAL")) {
            scopeAt = 2;
        }
        if (is(scopeAt, "TRANSACTION")) {
            if (global) {
                throw superRequired();
            }
            return transaction(scopeAt + 1, scopeAt == 2);
        }
        for (List<SqlToken> assignment : splitAssignments(1)) {
            assign(assignment);
        }
        return Outcome.ok();
    }

    private boolean is(int i, String word) {
        return i < tokens.size() && tokens.get(i).isWord(word);
    }

    private Outcome names() throws SQLException {
        int at = is(1, "NAMES") ? 2 : is(1, "CHARSET") ? 2 : 3;
        String charset = at < tokens.size() ? tokens.get(at).identifier().toLowerCase(Locale.ROOT) : "utf8mb4";
        SystemVariables v = connection.variables();
        v.set("character_set_client", charset);
        v.set("character_set_connection", charset);
        v.set("character_set_results", charset);
        if (is(at + 1, "COLLATE") && at + 2 < tokens.size()) {
            v.set("collation_connection", tokens.get(at + 2).identifier());
        }
        return Outcome.ok();
    }

    /** SET SESSION TRANSACTION changes the session; plain SET TRANSACTION only the next transaction. */
    private Outcome transaction(int from, boolean session) throws SQLException {
        for (int i = from; i < tokens.size(); i++) {
            if (is(i, "READ") && (is(i + 1, "ONLY") || is(i + 1, "WRITE"))) {
                boolean readOnly = is(i + 1, "ONLY");
                if (session) {
                    connection.checkSession().setReadOnly(readOnly);
                } else {
                    connection.setNextTransactionReadOnly(readOnly);
                }
                i++;
            } else if (is(i, "ISOLATION") && is(i + 1, "LEVEL")) {
                int end = isolation(i + 2);
                if (!session) {
                    connection.variables().set("transaction_isolation", null); // isolation is not enforced per transaction
                }
                i = end;
            } else if (!tokens.get(i).isSymbol(",")) {
                throw MySqlError.syntax(tokens.get(i).text()).exception();
            }
        }
        return Outcome.ok();
    }

    private int isolation(int i) throws SQLException {
        String level;
        if (is(i, "READ") && is(i + 1, "UNCOMMITTED")) {
            level = "READ-UNCOMMITTED";
        } else if (is(i, "READ") && is(i + 1, "COMMITTED")) {
            level = "READ-COMMITTED";
        } else if (is(i, "REPEATABLE") && is(i + 1, "READ")) {
            level = "REPEATABLE-READ";
        } else if (is(i, "SERIALIZABLE")) {
            connection.variables().set("transaction_isolation", "SERIALIZABLE");
            return i;
        } else {
            throw MySqlError.syntax(i < tokens.size() ? tokens.get(i).text() : "").exception();
        }
        connection.variables().set("transaction_isolation", level);
        return i + 1;
    }

    private List<List<SqlToken>> splitAssignments(int from) {
        List<List<SqlToken>> out = new ArrayList<>();
        List<SqlToken> current = new ArrayList<>();
        int depth = 0;
        for (int i = from; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            depth += t.isSymbol("(") ? 1 : t.isSymbol(")") ? -1 : 0;
            if (depth == 0 && t.isSymbol(",")) {
                out.add(current);
                current = new ArrayList<>();
            } else {
                current.add(t);
            }
        }
        out.add(current);
        return out;
    }

    private void assign(List<SqlToken> a) throws SQLException {
        if (a.isEmpty()) {
            throw MySqlError.syntax("").exception();
        }
        SqlToken first = a.get(0);
        if (first.type() == SqlToken.Type.USERVAR) {
            userVariable(a);
            return;
        }
        int at = 0;
        String name;
        if (first.type() == SqlToken.Type.SYSVAR) {
            String lower = first.text().toLowerCase(Locale.ROOT);
            if (lower.startsWith("@@global.") || lower.startsWith("@@persist")) {
                throw superRequired();
            }
            name = SqlTranslator.variableName(first.text());
        } else {
            if (first.isWord("GLOBAL") || first.isWord("PERSIST") || first.isWord("PERSIST_ONLY")) {
                throw superRequired();
            }
            if (first.isWord("SESSION") || first.isWord("LOCAL")) {
                at++;
            }
            if (at >= a.size()) {
                throw MySqlError.syntax("").exception();
            }
            name = SqlTranslator.variableName(a.get(at).identifier());
        }
        at++;
        if (at >= a.size() || !(a.get(at).isSymbol("=") || a.get(at).isSymbol(":="))) {
            throw MySqlError.syntax(at < a.size() ? a.get(at).text() : name).exception();
        }
        Object value = value(a.subList(at + 1, a.size()));
        apply(name, value);
    }

    private void userVariable(List<SqlToken> a) throws SQLException {
        StringBuilder sql = new StringBuilder("SET ");
        for (SqlToken t : a) {
            sql.append(t.isSymbol(":=") ? "=" : t.text()).append(' ');
        }
        String h2 = SqlTranslator.translate(sql.toString(), connection);
        connection.checkSession().execute(h2).close();
    }

    private Object value(List<SqlToken> expr) throws SQLException {
        if (expr.isEmpty()) {
            throw MySqlError.syntax("").exception();
        }
        if (expr.size() == 1) {
            SqlToken t = expr.get(0);
            switch (t.type()) {
                case WORD:
                    return t.isWord("NULL") ? null : t.isWord("DEFAULT") ? Default.INSTANCE : t.text();
                case STRING: case DQ_STRING:
                    return SqlLexer.unquote(t.text());
                case NUMBER:
                    return number(t.text());
                default:
                    break;
            }
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (SqlToken t : expr) {
            sql.append(t.text()).append(' ');
        }
        try (Result r = connection.checkSession().execute(SqlTranslator.translate(sql.toString(), connection))) {
            ResultSet rs = r.rows();
            return rs != null && rs.next() ? rs.getObject(1) : null;
        }
    }

    private static Object number(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return new BigDecimal(text);
        }
    }

    /** Marks {@code SET x = DEFAULT}. */
    private enum Default { INSTANCE }

    private void apply(String name, Object value) throws SQLException {
        Session session = connection.checkSession();
        switch (name) {
            case "autocommit":
                session.setAutoCommit(value == Default.INSTANCE || bool(name, value));
                return;
            case "transaction_read_only": case "tx_read_only":
                session.setReadOnly(value != Default.INSTANCE && bool(name, value));
                return;
            default:
                break;
        }
        if (value == Default.INSTANCE) {
            connection.variables().set(name, null);
            return;
        }
        Object stored = value instanceof Number || value == null ? value : value.toString();
        if (value instanceof Number n && !(value instanceof Long) && !(value instanceof BigDecimal)) {
            stored = n.longValue();
        }
        connection.variables().set(name, stored);
    }

    private static boolean bool(String name, Object value) throws MySqlErrorException {
        String s = value == null ? "NULL" : value.toString().toUpperCase(Locale.ROOT);
        switch (s) {
            case "1": case "ON": case "TRUE": return true;
            case "0": case "OFF": case "FALSE": return false;
            default:
                throw new MySqlError(1231, "42000", "Variable '" + name + "' can't be set to the value of '" + value + "'")
                        .exception();
        }
    }

    private static MySqlErrorException superRequired() {
        return new MySqlError(1227, "42000", "Access denied; you need (at least one of) the SUPER or"
                + " SYSTEM_VARIABLES_ADMIN privilege(s) for this operation").exception();
    }
}

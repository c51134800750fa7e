package dev.borealis.cluster.wire.mysql;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites one MySQL statement into the H2 (MySQL mode) SQL the session executes, token by token:
 * string literals lose MySQL's backslash escapes and double quotes, {@code #} and versioned comments
 * are resolved, {@code @@system_variables} become literals, functions H2 lacks are redirected to
 * {@code borealis_sys}, and {@code information_schema.replica_host_status} to the Aurora surface.
 * What H2 already understands in MySQL mode (backticks, AUTO_INCREMENT, table options, LIMIT a,b,
 * INSERT IGNORE, REPLACE, ON DUPLICATE KEY UPDATE, IFNULL, CONCAT_WS …) passes through unchanged.
 */
final class SqlTranslator {

    /** What the translation needs from the connection. */
    interface Context {
        Object systemVariable(String name) throws MySqlErrorException;

        long lastInsertId();

        int connectionId();

        long foundRows();

        long rowCount();

        /** The logged-in account as USER() shows it: {@code user@client-host}. */
        String sessionUser();
    }

    private static final Set<String> SURFACE_FUNCTIONS = Set.of("timediff", "time_to_sec", "date_format", "md5",
            "sha1", "version", "aurora_version");
    private static final Set<String> DROPPED_WORDS = Set.of("SQL_CALC_FOUND_ROWS", "SQL_NO_CACHE", "SQL_CACHE",
            "SQL_BUFFER_RESULT", "HIGH_PRIORITY", "LOW_PRIORITY", "DELAYED");
    private static final Set<String> SELECT_ITEM_END = Set.of("FROM", "WHERE", "LIMIT", "ORDER", "GROUP", "HAVING",
            "UNION", "INTO", "FOR");
    private static final Map<String, String> RENAMED = Map.of("if", "CASEWHEN", "database", "SCHEMA",
            "sysdate", "LOCALTIMESTAMP", "now", "LOCALTIMESTAMP", "current_timestamp", "LOCALTIMESTAMP",
            "localtime", "LOCALTIMESTAMP");

    private final List<SqlToken> tokens;
    private final Context context;
    private final StringBuilder out = new StringBuilder();
    /** Closing-paren index → label for a call that is a whole select item (applied only if rewritten). */
    private final Map<Integer, Label> labels = new java.util.HashMap<>();

    private record Label(String text, int outputStart) {
    }
    private final boolean select;
    private final boolean ddl;

    private SqlTranslator(List<SqlToken> tokens, Context context) {
        this.tokens = tokens;
        this.context = context;
        int first = next(-1);
        this.select = first >= 0 && tokens.get(first).isWord("SELECT");
        this.ddl = first >= 0 && (tokens.get(first).isWord("CREATE") || tokens.get(first).isWord("ALTER"));
    }

    static String translate(String sql, Context context) throws MySqlErrorException {
        List<SqlToken> tokens = SqlLexer.tokenize(sql);
        String rewritten = havingWithoutGroupBy(tokens);
        if (rewritten != null) {
            tokens = SqlLexer.tokenize(rewritten);
        }
        SqlTranslator t = new SqlTranslator(tokens, context);
        t.run();
        return t.out.toString().strip();
    }

    /**
     * MySQL lets HAVING without GROUP BY filter on select-list aliases like a WHERE (Connector/J's
     * getTables does this); H2 would make it an aggregate query. Such a statement becomes a filter over
     * a derived table; its ORDER BY and LIMIT stay inside when they have no parameters.
     */
    static String havingWithoutGroupBy(List<SqlToken> tokens) {
        int depth = 0;
        int having = -1;
        int tail = -1;
        boolean group = false;
        boolean first = true;
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (!t.significant()) {
                continue;
            }
            if (first && !t.isWord("SELECT")) {
                return null;
            }
            first = false;
            depth += t.isSymbol("(") ? 1 : t.isSymbol(")") ? -1 : 0;
            if (depth != 0) {
                continue;
            }
            if (t.isWord("GROUP") || t.isWord("UNION")) {
                group = true;
            } else if (t.isWord("HAVING")) {
                having = i;
            } else if (having >= 0 && tail < 0 && (t.isWord("ORDER") || t.isWord("LIMIT") || t.isWord("FOR"))) {
                tail = i;
            }
        }
        if (having < 0 || group) {
            return null;
        }
        String head = join(tokens, 0, having);
        String condition = join(tokens, having + 1, tail < 0 ? tokens.size() : tail);
        String rest = tail < 0 ? "" : join(tokens, tail, tokens.size());
        boolean restHasParameters = rest.contains("?");
        return "SELECT * FROM (" + head + (restHasParameters ? "" : " " + rest) + ") AS borealis_having WHERE "
                + condition + (restHasParameters ? " " + rest : "");
    }

    private static String join(List<SqlToken> tokens, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) {
            b.append(tokens.get(i).text());
        }
        return b.toString();
    }

    private void run() throws MySqlErrorException {
        for (int i = 0; i < tokens.size(); i++) {
            i = emit(i);
            Label label = labels.remove(i);
            if (label != null && !out.substring(label.outputStart()).equalsIgnoreCase(label.text())) {
                // double quotes: H2 folds backtick-quoted names to lower case under DATABASE_TO_LOWER
                out.append(" AS \"").append(label.text().replace("\"", "\"\"")).append('"');
            }
        }
    }

    /** Emits token {@code i} (and any it consumes); returns the index of the last token consumed. */
    private int emit(int i) throws MySqlErrorException {
        SqlToken t = tokens.get(i);
        switch (t.type()) {
            case COMMENT:
                return comment(i, t);
            case STRING:
            case DQ_STRING:
                if (previous(i) >= 0 && tokens.get(previous(i)).isWord("AS")) {
                    out.append(StatementRouter.quoteIdent(SqlLexer.unquote(t.text()))); // a quoted alias
                } else {
                    out.append(SqlLexer.quote(SqlLexer.unquote(t.text())));
                }
                return i;
            case SYSVAR:
                return systemVariable(i, t);
            case WORD:
                return word(i, t);
            case BACKTICK:
                return qualifiedSurface(i) ? skipSurfaceName(i) : append(t, i);
            default:
                return append(t, i);
        }
    }

    private int append(SqlToken t, int i) {
        out.append(t.text());
        return i;
    }

    private int comment(int i, SqlToken t) throws MySqlErrorException {
        String text = t.text();
        if (text.startsWith("/*!")) {
            String inner = text.substring(3, text.endsWith("*/") ? text.length() - 2 : text.length());
            int digits = 0;
            while (digits < inner.length() && digits < 6 && Character.isDigit(inner.charAt(digits))) {
                digits++;
            }
            out.append(' ').append(translate(inner.substring(digits), context)).append(' ');
        } else {
            out.append(' ');
        }
        return i;
    }

    private int systemVariable(int i, SqlToken t) throws MySqlErrorException {
        Object value = context.systemVariable(variableName(t.text()));
        out.append(literal(value));
        if (select && isWholeSelectItem(i)) {
            out.append(" AS `").append(t.text().replace("`", "")).append('`');
        }
        return i;
    }

    static String variableName(String text) {
        String name = text.startsWith("@@") ? text.substring(2) : text;
        String lower = name.toLowerCase(Locale.ROOT);
        for (String scope : new String[] {"global.", "session.", "local."}) {
            if (lower.startsWith(scope)) {
                lower = lower.substring(scope.length());
                break;
            }
        }
        return lower.replace("`", "");
    }

    static String literal(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        return SqlLexer.quote(value.toString());
    }

    private boolean isWholeSelectItem(int i) {
        int prev = previous(i);
        int next = next(i);
        boolean startsItem = prev >= 0 && (tokens.get(prev).isWord("SELECT") || tokens.get(prev).isSymbol(",")
                || tokens.get(prev).isWord("DISTINCT"));
        if (!startsItem) {
            return false;
        }
        if (next < 0) {
            return true;
        }
        SqlToken n = tokens.get(next);
        return n.isSymbol(",") || n.isSymbol(";")
                || n.type() == SqlToken.Type.WORD && SELECT_ITEM_END.contains(n.upper());
    }

    private int word(int i, SqlToken t) throws MySqlErrorException {
        String upper = t.upper();
        if (DROPPED_WORDS.contains(upper)) {
            return i;
        }
        if (qualifiedSurface(i)) {
            return skipSurfaceName(i);
        }
        if (upper.equals("COLLATE") && !ddl && next(i) >= 0) {
            return next(i); // H2 has no per-expression collation; comparisons are case-insensitive already
        }
        if (upper.equals("AS") && castToInteger(i)) {
            return skipSignedness(i);
        }
        if (upper.equals("LOCK") && wordsFollow(i, "IN", "SHARE", "MODE")) {
            return skipWords(i, 3);
        }
        if (upper.startsWith("_") && next(i) == i + 1 && tokens.get(i + 1).type() == SqlToken.Type.STRING) {
            return i; // a character set introducer such as _utf8mb4'x': H2 strings are Unicode anyway
        }
        int open = next(i);
        boolean call = open >= 0 && tokens.get(open).isSymbol("(") && !afterDot(i);
        String lower = upper.toLowerCase(Locale.ROOT);
        if (upper.equals("CURRENT_TIMESTAMP") && !call && !afterDot(i)) {
            out.append("LOCALTIMESTAMP");
            return i;
        }
        if (upper.equals("CURRENT_USER") && !call && !afterDot(i)) {
            out.append(SqlLexer.quote(currentUser()));
            return i;
        }
        if (!call) {
            return append(t, i);
        }
        return functionCall(i, t, lower, open);
    }

    /** CURRENT_USER(): the account the server matched, whose host part is the wildcard our accounts all have. */
    private String currentUser() {
        String session = context.sessionUser();
        int at = session.lastIndexOf('@');
        return (at < 0 ? session : session.substring(0, at)) + "@%";
    }

    private int functionCall(int i, SqlToken t, String lower, int open) {
        labelWholeItemCall(i, open);
        boolean empty = next(open) >= 0 && tokens.get(next(open)).isSymbol(")");
        int close = empty ? next(open) : -1;
        switch (lower) {
            case "last_insert_id":
                return empty ? constant(Long.toString(context.lastInsertId()), close) : append(t, i);
            case "connection_id":
                return empty ? constant(Integer.toString(context.connectionId()), close) : append(t, i);
            case "found_rows":
                return empty ? constant(Long.toString(context.foundRows()), close) : append(t, i);
            case "row_count":
                return empty ? constant(Long.toString(context.rowCount()), close) : append(t, i);
            case "user": case "session_user": case "system_user":
                return empty ? constant(SqlLexer.quote(context.sessionUser()), close) : append(t, i);
            case "current_user":
                return empty ? constant(SqlLexer.quote(currentUser()), close) : append(t, i);
            case "uuid":
                return empty ? constant("CAST(RANDOM_UUID() AS VARCHAR(36))", close) : append(t, i);
            case "utc_timestamp":
                return empty ? constant("CAST(CURRENT_TIMESTAMP(0) AT TIME ZONE 'UTC' AS TIMESTAMP(0))", close) : append(t, i);
            case "now": case "sysdate": case "current_timestamp": case "localtime":
                return empty ? constant("LOCALTIMESTAMP(0)", close) : appendText(RENAMED.get(lower), i);
            default:
                break;
        }
        if (RENAMED.containsKey(lower)) {
            return appendText(RENAMED.get(lower), i);
        }
        if (SURFACE_FUNCTIONS.contains(lower)) {
            return appendText(Functions.SCHEMA + "." + lower, i);
        }
        return append(t, i);
    }

    private int constant(String text, int lastConsumed) {
        out.append(text);
        return lastConsumed;
    }

    private int appendText(String text, int i) {
        out.append(text);
        return i;
    }

    /** {@code information_schema . <a MySQL-shaped catalog view>} starting at token i. */
    private boolean qualifiedSurface(int i) {
        if (!tokens.get(i).identifier().equalsIgnoreCase("information_schema")) {
            return false;
        }
        int dot = next(i);
        int name = dot < 0 ? -1 : next(dot);
        return name >= 0 && tokens.get(dot).isSymbol(".")
                && MySqlCatalog.VIEWS.contains(tokens.get(name).identifier().toLowerCase(Locale.ROOT));
    }

    private int skipSurfaceName(int i) {
        int name = next(next(i));
        out.append(Functions.SCHEMA).append('.').append(tokens.get(name).identifier().toLowerCase(Locale.ROOT));
        return name;
    }

    private boolean castToInteger(int i) {
        int n = next(i);
        return n >= 0 && (tokens.get(n).isWord("UNSIGNED") || tokens.get(n).isWord("SIGNED"));
    }

    private int skipSignedness(int i) {
        out.append("AS BIGINT");
        int n = next(i);
        int after = next(n);
        if (after >= 0 && (tokens.get(after).isWord("INTEGER") || tokens.get(after).isWord("INT"))) {
            return after;
        }
        return n;
    }

    private boolean wordsFollow(int i, String... words) {
        int at = i;
        for (String w : words) {
            at = next(at);
            if (at < 0 || !tokens.get(at).isWord(w)) {
                return false;
            }
        }
        return true;
    }

    private int skipWords(int i, int count) {
        int at = i;
        for (int k = 0; k < count; k++) {
            at = next(at);
        }
        return at;
    }

    /**
     * MySQL labels an unaliased select item by its text ({@code AURORA_VERSION()}, {@code NOW()}); the
     * rewritten call would otherwise be labelled by H2 after the rewrite.
     */
    private void labelWholeItemCall(int name, int open) {
        if (!select) {
            return;
        }
        int close = matchingParen(open);
        int prev = previous(name);
        if (close < 0 || prev < 0 || !(tokens.get(prev).isWord("SELECT") || tokens.get(prev).isSymbol(",")
                || tokens.get(prev).isWord("DISTINCT"))) {
            return;
        }
        int after = next(close);
        SqlToken n = after < 0 ? null : tokens.get(after);
        if (n == null || n.isSymbol(",") || n.isSymbol(";")
                || n.type() == SqlToken.Type.WORD && SELECT_ITEM_END.contains(n.upper())) {
            String text = join(tokens, name, close + 1).replace("`", "");
            if (text.length() <= 64) {
                labels.put(close, new Label(text, out.length()));
            }
        }
    }

    private int matchingParen(int open) {
        int depth = 0;
        for (int k = open; k < tokens.size(); k++) {
            if (tokens.get(k).isSymbol("(")) {
                depth++;
            } else if (tokens.get(k).isSymbol(")") && --depth == 0) {
                return k;
            }
        }
        return -1;
    }

    private boolean afterDot(int i) {
        int p = previous(i);
        return p >= 0 && tokens.get(p).isSymbol(".");
    }

    private int next(int i) {
        for (int k = i + 1; k < tokens.size(); k++) {
            if (tokens.get(k).significant()) {
                return k;
            }
        }
        return -1;
    }

    private int previous(int i) {
        for (int k = i - 1; k >= 0; k--) {
            if (tokens.get(k).significant()) {
                return k;
            }
        }
        return -1;
    }
}

package dev.borealis.cluster.wire.mysql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits MySQL SQL into tokens: words, backtick identifiers, single- and double-quoted strings (with
 * MySQL's backslash escapes), numbers, {@code @@system} and {@code @user} variables, {@code ?}
 * parameters, white space, comments ({@code --}, {@code #}, block comments) and symbols. Never fails:
 * an unterminated literal runs to the end of the input and H2 reports it.
 */
final class SqlLexer {

    private final String sql;
    private int pos;

    private SqlLexer(String sql) {
        this.sql = sql;
    }

    /**
     * The statement's tokens, as an unmodifiable list. A connection's thread asks for the same statement's tokens
     * several times (splitting, routing, translating); the last answer is kept per thread so it is lexed once.
     */
    static List<SqlToken> tokenize(String sql) {
        Memo memo = LAST.get();
        if (memo.sql == sql || sql.equals(memo.sql)) {
            return memo.tokens;
        }
        SqlLexer lexer = new SqlLexer(sql);
        List<SqlToken> tokens = new ArrayList<>();
        while (lexer.pos < sql.length()) {
            tokens.add(lexer.next());
        }
        memo.sql = sql;
        memo.tokens = java.util.Collections.unmodifiableList(tokens);
        return memo.tokens;
    }

    private static final ThreadLocal<Memo> LAST = ThreadLocal.withInitial(Memo::new);

    /** The last statement lexed on this thread and its tokens. */
    private static final class Memo {
        private String sql;
        private List<SqlToken> tokens = List.of();
    }

    /** Splits a multi-statement string on top-level semicolons; empty statements are dropped. */
    static List<String> splitStatements(String sql) {
        List<SqlToken> tokens = tokenize(sql);
        if (!hasSemicolon(tokens)) {
            return anySignificant(tokens) ? List.of(sql.strip()) : List.of();
        }
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        List<String> words = new ArrayList<>();
        for (SqlToken t : tokens) {
            if (t.type() == SqlToken.Type.WORD && words.size() < 8) {
                words.add(t.upper());
            }
            if (t.isSymbol(";") && !isCompound(words)) {
                words.clear();
                add(statements, current);
                current.setLength(0);
            } else {
                current.append(t.text());
            }
        }
        add(statements, current);
        return statements;
    }

    /** CREATE PROCEDURE/FUNCTION/TRIGGER/EVENT bodies contain semicolons; such a statement runs to the end. */
    private static boolean isCompound(List<String> words) {
        return !words.isEmpty() && words.get(0).equals("CREATE") && (words.contains("PROCEDURE")
                || words.contains("FUNCTION") || words.contains("TRIGGER") || words.contains("EVENT"));
    }

    private static void add(List<String> statements, StringBuilder current) {
        String s = current.toString();
        if (anySignificant(tokenize(s))) {
            statements.add(s.strip());
        }
    }

    private static boolean hasSemicolon(List<SqlToken> tokens) {
        for (SqlToken t : tokens) {
            if (t.isSymbol(";")) {
                return true;
            }
        }
        return false;
    }

    private static boolean anySignificant(List<SqlToken> tokens) {
        for (SqlToken t : tokens) {
            if (t.significant()) {
                return true;
            }
        }
        return false;
    }

    private SqlToken next() {
        char c = sql.charAt(pos);
        int start = pos;
        if (Character.isWhitespace(c)) {
            while (pos < sql.length() && Character.isWhitespace(sql.charAt(pos))) {
                pos++;
            }
            return token(SqlToken.Type.SPACE, start);
        }
        if (c == '#' || c == '-' && startsWith("--") && (pos + 2 >= sql.length() || Character.isWhitespace(sql.charAt(pos + 2)))) {
            while (pos < sql.length() && sql.charAt(pos) != '\n') {
                pos++;
            }
            return token(SqlToken.Type.COMMENT, start);
        }
        if (c == '/' && startsWith("/*")) {
            int end = sql.indexOf("*/", pos + 2);
            pos = end < 0 ? sql.length() : end + 2;
            return token(SqlToken.Type.COMMENT, start);
        }
        if (c == '\'' || c == '"' || c == '`') {
            quoted(c);
            return token(c == '\'' ? SqlToken.Type.STRING : c == '"' ? SqlToken.Type.DQ_STRING : SqlToken.Type.BACKTICK, start);
        }
        if (c == '@') {
            pos++;
            boolean system = pos < sql.length() && sql.charAt(pos) == '@';
            if (system) {
                pos++;
            }
            if (pos < sql.length() && (sql.charAt(pos) == '`' || sql.charAt(pos) == '\'' || sql.charAt(pos) == '"')) {
                quoted(sql.charAt(pos));
            } else {
                while (pos < sql.length() && (isWordChar(sql.charAt(pos)) || sql.charAt(pos) == '.' || sql.charAt(pos) == '$')) {
                    pos++;
                }
            }
            return token(system ? SqlToken.Type.SYSVAR : SqlToken.Type.USERVAR, start);
        }
        if (Character.isDigit(c) || c == '.' && pos + 1 < sql.length() && Character.isDigit(sql.charAt(pos + 1))) {
            number();
            return token(SqlToken.Type.NUMBER, start);
        }
        if (isWordChar(c)) {
            while (pos < sql.length() && (isWordChar(sql.charAt(pos)) || sql.charAt(pos) == '$')) {
                pos++;
            }
            return token(SqlToken.Type.WORD, start);
        }
        if (c == '?') {
            pos++;
            return token(SqlToken.Type.PARAM, start);
        }
        pos++;
        if (pos < sql.length()) {
            String two = sql.substring(start, pos + 1);
            if (two.equals("<=") || two.equals(">=") || two.equals("<>") || two.equals("!=") || two.equals("||")
                    || two.equals("&&") || two.equals(":=") || two.equals("<<") || two.equals(">>")) {
                pos++;
                if (two.equals("<=") && pos < sql.length() && sql.charAt(pos) == '>') {
                    pos++;
                }
            }
        }
        return token(SqlToken.Type.SYMBOL, start);
    }

    private void number() {
        if (sql.charAt(pos) == '0' && pos + 1 < sql.length() && (sql.charAt(pos + 1) == 'x' || sql.charAt(pos + 1) == 'X')) {
            pos += 2;
            while (pos < sql.length() && Character.digit(sql.charAt(pos), 16) >= 0) {
                pos++;
            }
            return;
        }
        while (pos < sql.length() && (Character.isDigit(sql.charAt(pos)) || sql.charAt(pos) == '.')) {
            pos++;
        }
        if (pos < sql.length() && (sql.charAt(pos) == 'e' || sql.charAt(pos) == 'E')) {
            int save = pos++;
            if (pos < sql.length() && (sql.charAt(pos) == '+' || sql.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
    }

    private void quoted(char quote) {
        pos++;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (c == '\\' && quote != '`') {
                pos += 2;
            } else if (c == quote) {
                if (pos + 1 < sql.length() && sql.charAt(pos + 1) == quote) {
                    pos += 2;
                } else {
                    pos++;
                    return;
                }
            } else {
                pos++;
            }
        }
        pos = Math.min(pos, sql.length());
    }

    private boolean startsWith(String s) {
        return sql.startsWith(s, pos);
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private SqlToken token(SqlToken.Type type, int start) {
        return new SqlToken(type, sql.substring(start, pos));
    }

    /** The value of a quoted MySQL string literal, with its backslash escapes and doubled quotes resolved. */
    static String unquote(String literal) {
        if (literal.length() < 2) {
            return "";
        }
        char quote = literal.charAt(0);
        boolean closed = literal.length() >= 2 && literal.charAt(literal.length() - 1) == quote;
        String body = literal.substring(1, closed ? literal.length() - 1 : literal.length());
        StringBuilder b = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char e = body.charAt(++i);
                switch (e) {
                    case 'n': b.append('\n'); break;
                    case 't': b.append('\t'); break;
                    case 'r': b.append('\r'); break;
                    case 'b': b.append('\b'); break;
                    case '0': b.append('\0'); break;
                    case 'Z': b.append('\u001a'); break;
                    case '%': b.append("\\%"); break;
                    case '_': b.append("\\_"); break;
                    default: b.append(e); break;
                }
            } else if (c == quote && i + 1 < body.length() && body.charAt(i + 1) == quote) {
                b.append(quote);
                i++;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** A standard SQL string literal (quotes doubled, no backslash escapes) as H2 reads it. */
    static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}

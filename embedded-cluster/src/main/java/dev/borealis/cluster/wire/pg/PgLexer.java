package dev.borealis.cluster.wire.pg;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits PostgreSQL SQL into tokens, keeping every character (white space and comments included) so
 * a translation that touches nothing reproduces the input exactly. Knows PostgreSQL's quoting:
 * {@code 'standard'}, {@code E'escapes'}, {@code $tag$dollar$tag$}, {@code "identifiers"}, {@code $1}
 * parameters, nested block comments. An unterminated literal becomes one token to the end, and H2
 * then reports the syntax error.
 */
final class PgLexer {

    enum Kind { WORD, QUOTED_IDENT, STRING, ESTRING, DOLLAR_STRING, NUMBER, PARAM, OPERATOR, PUNCT, SPACE }

    record Token(Kind kind, String text) {

        boolean isWord(String w) {
            return kind == Kind.WORD && text.equalsIgnoreCase(w);
        }

        boolean is(String punct) {
            return (kind == Kind.PUNCT || kind == Kind.OPERATOR) && text.equals(punct);
        }

        boolean isSpace() {
            return kind == Kind.SPACE;
        }
    }

    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";

    private final String sql;
    private int pos;

    private PgLexer(String sql) {
        this.sql = sql;
    }

    static List<Token> tokenize(String sql) {
        PgLexer lexer = new PgLexer(sql);
        List<Token> tokens = new ArrayList<>();
        while (lexer.pos < sql.length()) {
            tokens.add(lexer.next());
        }
        return tokens;
    }

    /** The top-level statements of a simple Query message (split at semicolons outside literals). */
    static List<List<Token>> statements(String sql) {
        List<List<Token>> out = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        for (Token t : tokenize(sql)) {
            if (t.is(";")) {
                out.add(current);
                current = new ArrayList<>();
            } else {
                current.add(t);
            }
        }
        if (current.stream().anyMatch(t -> !t.isSpace()) || out.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    static String text(List<Token> tokens) {
        StringBuilder sb = new StringBuilder();
        tokens.forEach(t -> sb.append(t.text()));
        return sb.toString();
    }

    private Token next() {
        char c = sql.charAt(pos);
        int start = pos;
        if (Character.isWhitespace(c) || startsWith("--") || startsWith("/*")) {
            return space(start);
        }
        if ((c == 'E' || c == 'e') && peek(1) == '\'') {
            pos++;
            quoted('\'', true);
            return new Token(Kind.ESTRING, sql.substring(start, pos));
        }
        if (Character.isLetter(c) || c == '_') {
            while (pos < sql.length() && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '_' || sql.charAt(pos) == '$')) {
                pos++;
            }
            return new Token(Kind.WORD, sql.substring(start, pos));
        }
        if (c == '\'') {
            quoted('\'', false);
            return new Token(Kind.STRING, sql.substring(start, pos));
        }
        if (c == '"') {
            quoted('"', false);
            return new Token(Kind.QUOTED_IDENT, sql.substring(start, pos));
        }
        if (c == '$') {
            return dollar(start);
        }
        if (Character.isDigit(c) || c == '.' && Character.isDigit(peek(1))) {
            return number(start);
        }
        if (c == ':' && peek(1) == ':') {
            pos += 2;
            return new Token(Kind.OPERATOR, "::");
        }
        if (OPERATOR_CHARS.indexOf(c) >= 0) {
            while (pos < sql.length() && OPERATOR_CHARS.indexOf(sql.charAt(pos)) >= 0
                    && !startsWith("--") && !startsWith("/*")) {
                pos++;
            }
            return new Token(Kind.OPERATOR, sql.substring(start, pos));
        }
        pos++;
        return new Token(Kind.PUNCT, sql.substring(start, pos));
    }

    private Token space(int start) {
        while (pos < sql.length()) {
            if (Character.isWhitespace(sql.charAt(pos))) {
                pos++;
            } else if (startsWith("--")) {
                int nl = sql.indexOf('\n', pos);
                pos = nl < 0 ? sql.length() : nl + 1;
            } else if (startsWith("/*")) {
                blockComment();
            } else {
                break;
            }
        }
        return new Token(Kind.SPACE, sql.substring(start, pos));
    }

    private void blockComment() {
        int depth = 0;
        while (pos < sql.length()) {
            if (startsWith("/*")) {
                depth++;
                pos += 2;
            } else if (startsWith("*/")) {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
    }

    private void quoted(char quote, boolean backslashEscapes) {
        pos++;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (backslashEscapes && c == '\\') {
                pos += 2;
            } else if (c == quote) {
                if (peek(1) == quote) {
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

    private Token dollar(int start) {
        int p = pos + 1;
        if (p < sql.length() && Character.isDigit(sql.charAt(p))) {
            while (p < sql.length() && Character.isDigit(sql.charAt(p))) {
                p++;
            }
            pos = p;
            return new Token(Kind.PARAM, sql.substring(start, pos));
        }
        while (p < sql.length() && (Character.isLetterOrDigit(sql.charAt(p)) || sql.charAt(p) == '_')) {
            p++;
        }
        if (p < sql.length() && sql.charAt(p) == '$') {
            String tag = sql.substring(start, p + 1);
            int end = sql.indexOf(tag, p + 1);
            pos = end < 0 ? sql.length() : end + tag.length();
            return new Token(Kind.DOLLAR_STRING, sql.substring(start, pos));
        }
        pos++;
        return new Token(Kind.PUNCT, "$");
    }

    private Token number(int start) {
        while (pos < sql.length() && (Character.isDigit(sql.charAt(pos)) || sql.charAt(pos) == '.')) {
            pos++;
        }
        if (pos < sql.length() && (sql.charAt(pos) == 'e' || sql.charAt(pos) == 'E')) {
            int p = pos + 1;
            if (p < sql.length() && (sql.charAt(p) == '+' || sql.charAt(p) == '-')) {
                p++;
            }
            if (p < sql.length() && Character.isDigit(sql.charAt(p))) {
                pos = p;
                while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                    pos++;
                }
            }
        }
        return new Token(Kind.NUMBER, sql.substring(start, pos));
    }

    private boolean startsWith(String s) {
        return sql.startsWith(s, pos);
    }

    private char peek(int ahead) {
        return pos + ahead < sql.length() ? sql.charAt(pos + ahead) : '\0';
    }
}

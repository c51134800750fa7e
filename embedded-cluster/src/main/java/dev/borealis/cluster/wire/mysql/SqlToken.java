package dev.borealis.cluster.wire.mysql;

import java.util.Locale;

/** One lexical token of a MySQL statement, with its text exactly as written. */
record SqlToken(Type type, String text) {

    enum Type {
        WORD, BACKTICK, STRING, DQ_STRING, NUMBER, SYSVAR, USERVAR, PARAM, SPACE, COMMENT, SYMBOL
    }

    boolean isWord(String word) {
        return type == Type.WORD && text.equalsIgnoreCase(word);
    }

    boolean isSymbol(String symbol) {
        return type == Type.SYMBOL && text.equals(symbol);
    }

    boolean significant() {
        return type != Type.SPACE && type != Type.COMMENT;
    }

    /** Upper-cased word, unquoted identifier or literal value; used for keyword and name matching. */
    String upper() {
        return text.toUpperCase(Locale.ROOT);
    }

    /** The identifier this token names (backticks removed), or the word itself. */
    String identifier() {
        if (type == Type.BACKTICK) {
            return text.substring(1, text.length() - 1).replace("``", "`");
        }
        if (type == Type.STRING || type == Type.DQ_STRING) {
            return SqlLexer.unquote(text);
        }
        return text;
    }
}

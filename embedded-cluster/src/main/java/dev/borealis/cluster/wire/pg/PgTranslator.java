package dev.borealis.cluster.wire.pg;

import dev.borealis.cluster.wire.pg.PgLexer.Kind;
import dev.borealis.cluster.wire.pg.PgLexer.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Translates one PostgreSQL statement into the H2 SQL (MODE=PostgreSQL) that does the same, working
 * on tokens so literals and identifiers are never touched by accident. Token rewrites: {@code $n}
 * parameters, {@code E''} strings, {@code OPERATOR(pg_catalog.=)}, {@code COLLATE}, type names H2
 * lacks, {@code pg_catalog.} qualifiers and the catalog views of {@link PgCatalog}, functions H2
 * has under another name. Statement rewrites: {@code RETURNING} (a data-change delta table),
 * {@code ON CONFLICT} (a MERGE), {@code generate_series} in a select list, {@code SHOW}.
 */
final class PgTranslator {

    private static final Set<String> H2_PG_TABLES = Set.of("pg_am", "pg_authid", "pg_constraint",
            "pg_description", "pg_group", "pg_roles", "pg_tablespace", "pg_trigger", "pg_user");
    private static final Set<String> RENAMED_FUNCTIONS = Set.of("version", "format_type", "pg_get_userbyid", "pg_get_expr");

    private PgTranslator() {
    }

    static PgStatement translate(List<Token> raw) {
        List<Token> tokens = trimmed(raw);
        String original = PgLexer.text(raw).trim();
        if (tokens.isEmpty()) {
            return new PgStatement(PgStatement.Kind.EMPTY, original, null, "", List.of(), null);
        }
        List<String> words = leadingWords(tokens, 6);
        String verb = verb(words);
        String first = words.isEmpty() ? "" : words.get(0);
        switch (first) {
            case "BEGIN": case "START":
                if (first.equals("BEGIN") || words.size() > 1 && words.get(1).equals("TRANSACTION")) {
                    return new PgStatement(PgStatement.Kind.BEGIN, original, null, "BEGIN", words(tokens), null);
                }
                break;
            case "SET": case "RESET": case "DISCARD": case "LISTEN": case "UNLISTEN": case "NOTIFY": case "DEALLOCATE":
            case "VACUUM": case "ANALYZE": case "CHECKPOINT":
                return new PgStatement(PgStatement.Kind.LOCAL, original, null, verb, words(tokens), null);
            case "COPY":
                return new PgStatement(PgStatement.Kind.COPY, original, null, "COPY", words(tokens), null);
            case "SHOW":
                return new PgStatement(PgStatement.Kind.H2, original, show(tokens), "SHOW", words, null);
            case "LOCK": case "CLUSTER": case "REINDEX": case "PREPARE": case "EXECUTE": case "DECLARE": case "FETCH":
            case "MOVE": case "CLOSE": case "DO": case "CALL":
                return unsupported(original, verb, first + " statements are not supported by the embedded cluster");
            default:
                break;
        }
        try {
            List<Token> rewritten = PgExpandArray.rewrite(rewriteTokens(tokens));
            if (first.equals("TRUNCATE")) {
                return truncate(rewritten, original, verb, words);
            }
            String h2 = statementRewrite(rewritten, first);
            return new PgStatement(PgStatement.Kind.H2, original, h2, verb, words, null);
        } catch (Unsupported e) {
            return unsupported(original, verb, e.getMessage());
        }
    }

    private static PgStatement unsupported(String original, String verb, String why) {
        return new PgStatement(PgStatement.Kind.UNSUPPORTED, original, null, verb, List.of(), why);
    }

    /** Valid PostgreSQL this translator cannot express in H2. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    // ------------------------------------------------------------ token rewrites

    private static List<Token> rewriteTokens(List<Token> in) {
        List<Token> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            Token t = in.get(i);
            switch (t.kind()) {
                case PARAM:
                    out.add(new Token(Kind.PARAM, "?" + t.text().substring(1)));
                    break;
                case ESTRING:
                    out.add(new Token(Kind.STRING, literal(in, i, standardString(t.text().substring(1)))));
                    break;
                case STRING: {
                    int cast = nextSolid(in, i + 1);
                    int type = nextSolid(in, cast + 1);
                    if (type < in.size() && in.get(cast).is("::") && in.get(type).isWord("regproc")) {
                        // a function name resolved now, failing with 42883 when there is no such function
                        out.add(new Token(Kind.WORD, "borealis_regproc(" + t.text() + ")"));
                        i = type;
                    } else {
                        out.add(new Token(Kind.STRING, literal(in, i, t.text())));
                    }
                    break;
                }
                case WORD:
                    i = word(in, i, out, false);
                    break;
                case OPERATOR:
                    out.add(operator(t.text()));
                    break;
                case PUNCT:
                    if (t.is("[") && i + 1 < in.size() && in.get(i + 1).is("]") && arrayTypeSuffix(out)) {
                        out.add(new Token(Kind.WORD, " ARRAY")); // int2[] is H2's SMALLINT ARRAY
                        i++;
                    } else {
                        out.add(t);
                    }
                    break;
                default:
                    out.add(t);
                    break;
            }
        }
        return out;
    }

    /** Rewrites the word at {@code i}; returns the index of the last token consumed. */
    private static int word(List<Token> in, int i, List<Token> out, boolean pgCatalogQualified) {
        Token t = in.get(i);
        String lower = t.text().toLowerCase(Locale.ROOT);
        int next = nextSolid(in, i + 1);
        boolean call = next < in.size() && in.get(next).is("(");
        boolean qualified = !pgCatalogQualified && i > 0 && in.get(i - 1).is(".");
        if (lower.equals("operator") && call) {
            return operator(in, next, out);
        }
        if (lower.equals("collate")) {
            return skipQualifiedName(in, next) - 1;
        }
        if (lower.equals("pg_catalog") && next < in.size() && in.get(next).is(".")) {
            int name = nextSolid(in, next + 1);
            if (name < in.size() && in.get(name).kind() == Kind.WORD) {
                String target = in.get(name).text().toLowerCase(Locale.ROOT);
                if (PgCatalog.VIEWS.contains(target) || H2_PG_TABLES.contains(target)) {
                    out.add(new Token(Kind.WORD, (PgCatalog.VIEWS.contains(target) ? PgCatalog.SCHEMA : "pg_catalog")
                            + "." + target));
                    return name;
                }
                return word(in, name, out, true); // a function or type: H2 knows it unqualified
            }
        }
        if (!qualified && !call) {
            if (lower.equals("current_user") || lower.equals("session_user")) {
                out.add(new Token(Kind.WORD, "borealis_current_user()"));
                return i;
            }
            if (PgCatalog.VIEWS.contains(lower)) {
                out.add(new Token(Kind.WORD, PgCatalog.SCHEMA + "." + lower));
                return i;
            }
            if (H2_PG_TABLES.contains(lower)) {
                out.add(new Token(Kind.WORD, "pg_catalog." + lower));
                return i;
            }
            String type = typeName(lower);
            if (type != null) {
                out.add(new Token(Kind.WORD, type));
                return i;
            }
        }
        if (!qualified && call && RENAMED_FUNCTIONS.contains(lower)) {
            out.add(new Token(Kind.WORD, "borealis_" + lower));
            return i;
        }
        out.add(t);
        return i;
    }

    private static String typeName(String lower) {
        switch (lower) {
            case "timestamptz": return "TIMESTAMP WITH TIME ZONE";
            case "timetz": return "TIME WITH TIME ZONE";
            case "jsonb": return "JSON";
            case "regproc": return "VARCHAR"; // pg_type.typinput and friends hold function names
            case "regtype": case "regnamespace": return "INTEGER";
            default: return null;
        }
    }

    /** {@code OPERATOR(schema.op)} becomes {@code op}. */
    private static int operator(List<Token> in, int open, List<Token> out) {
        StringBuilder op = new StringBuilder();
        int i = open + 1;
        for (; i < in.size() && !in.get(i).is(")"); i++) {
            Token t = in.get(i);
            if (t.kind() == Kind.OPERATOR) {
                op.append(t.text());
            }
        }
        if (i >= in.size() || op.length() == 0) {
            throw new Unsupported("malformed OPERATOR() construct");
        }
        out.add(operator(op.toString()));
        return i;
    }

    /**
     * A string literal that is a date/time with a numeric zone offset ({@code '2020-02-29 +00'}, as
     * pgJDBC inlines date parameters in simple mode) in the shape H2 parses; PostgreSQL would resolve
     * it from the target's type, which only H2 knows. Other literals stay as written.
     */
    private static String literal(List<Token> in, int i, String quoted) {
        int cast = nextSolid(in, i + 1);
        int type = nextSolid(in, cast + 1);
        if (type < in.size() && in.get(cast).is("::") && in.get(type).isWord("bytea") && quoted.startsWith("'\\x")) {
            return "X'" + quoted.substring(3); // PostgreSQL's hex bytea input, as H2's binary literal
        }
        if (quoted.matches("'\\{-?\\d+(,-?\\d+)*}'") && previousIsComparison(in, i)) {
            return "ARRAY[" + quoted.substring(2, quoted.length() - 2) + "]"; // an integer array literal compared to an array
        }
        if (quoted.length() < 2 || quoted.length() > 48) {
            return quoted;
        }
        String body = quoted.substring(1, quoted.length() - 1);
        String normal = PgValues.untyped(body);
        return normal.equals(body) ? quoted : "'" + normal + "'";
    }

    private static boolean arrayTypeSuffix(List<Token> out) {
        for (int p = out.size() - 1; p >= 0; p--) {
            Token t = out.get(p);
            if (!t.isSpace()) {
                return t.kind() == Kind.WORD && !t.isWord("ARRAY");
            }
        }
        return false;
    }

    private static boolean previousIsComparison(List<Token> in, int i) {
        int p = i - 1;
        while (p >= 0 && in.get(p).isSpace()) {
            p--;
        }
        return p >= 0 && in.get(p).kind() == Kind.OPERATOR && Set.of("=", "<>", "!=").contains(in.get(p).text());
    }

    /** Regular-expression negations H2 spells differently. */
    private static Token operator(String op) {
        String trimmed = op.trim();
        if (trimmed.equals("!~") || trimmed.equals("!~*")) {
            return new Token(Kind.OPERATOR, " NOT REGEXP ");
        }
        return new Token(Kind.OPERATOR, op);
    }

    private static int skipQualifiedName(List<Token> in, int i) {
        int p = i;
        while (p < in.size() && (in.get(p).kind() == Kind.WORD || in.get(p).kind() == Kind.QUOTED_IDENT || in.get(p).is("."))) {
            p++;
        }
        return p;
    }

    /** An {@code E'...'} body as a standard string literal (backslash escapes resolved). */
    static String standardString(String quoted) {
        String body = quoted.length() >= 2 ? quoted.substring(1, quoted.length() - 1) : "";
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char e = body.charAt(++i);
                switch (e) {
                    case 'n': sb.append('\n'); break;
                    case 't': sb.append('\t'); break;
                    case 'r': sb.append('\r'); break;
                    case 'b': sb.append('\b'); break;
                    case 'f': sb.append('\f'); break;
                    case '\'': sb.append("''"); break;
                    default: sb.append(e); break;
                }
            } else if (c == '\'') {
                sb.append("''");
                if (i + 1 < body.length() && body.charAt(i + 1) == '\'') {
                    i++;
                }
            } else {
                sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }

    // ------------------------------------------------------------ statement rewrites

    private static String statementRewrite(List<Token> tokens, String first) {
        if (first.equals("INSERT") || first.equals("UPDATE") || first.equals("DELETE")) {
            int returning = findTopLevel(tokens, 0, "RETURNING");
            List<Token> body = returning < 0 ? tokens : tokens.subList(0, returning);
            String dml = first.equals("INSERT") && findTopLevel(body, 0, "CONFLICT") >= 0
                    ? PgUpsert.toMerge(body) : PgLexer.text(body);
            if (returning < 0) {
                return dml;
            }
            String list = PgLexer.text(tokens.subList(returning + 1, tokens.size())).trim();
            return "SELECT " + list + " FROM " + (first.equals("DELETE") ? "OLD" : "FINAL") + " TABLE (" + dml + ")";
        }
        if (first.equals("SELECT")) {
            return PgSelectRewrites.generateSeries(tokens);
        }
        if (first.equals("CREATE")) {
            return PgLexer.text(withoutStorageParameters(tokens));
        }
        return PgLexer.text(tokens);
    }

    /** H2 truncates one table per statement; {@code CASCADE} has no H2 counterpart and is refused. */
    private static PgStatement truncate(List<Token> tokens, String original, String verb, List<String> words) {
        List<String> tables = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        String options = "";
        for (Token t : tokens.subList(1, tokens.size())) {
            if (t.isWord("TABLE") || t.isWord("ONLY") || t.isSpace() && current.length() == 0) {
                continue;
            }
            if (t.isWord("RESTART") || t.isWord("CONTINUE") || t.isWord("RESTRICT") || t.isWord("CASCADE")
                    || !options.isEmpty()) {
                options += t.text();
                continue;
            }
            if (t.is(",")) {
                tables.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(t.text());
            }
        }
        tables.add(current.toString().trim());
        String upper = options.toUpperCase(Locale.ROOT);
        if (upper.contains("CASCADE")) {
            throw new Unsupported("TRUNCATE … CASCADE is not supported by the embedded cluster");
        }
        String suffix = upper.contains("RESTART IDENTITY") ? " RESTART IDENTITY" : "";
        List<String> statements = tables.stream().map(table -> "TRUNCATE TABLE " + table + suffix).toList();
        return new PgStatement(PgStatement.Kind.H2, original, statements.get(statements.size() - 1), verb, words, null,
                statements.subList(0, statements.size() - 1));
    }

    /**
     * {@code WITH (fillfactor=…)} of CREATE TABLE / CREATE INDEX tunes physical storage only; H2
     * has no such knobs, so it is dropped (pgbench creates its tables this way).
     */
    private static List<Token> withoutStorageParameters(List<Token> tokens) {
        int with = findTopLevel(tokens, 0, "WITH");
        if (with < 0) {
            return tokens;
        }
        int open = nextSolid(tokens, with + 1);
        if (open >= tokens.size() || !tokens.get(open).is("(")) {
            return tokens;
        }
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).is("(")) {
                depth++;
            } else if (tokens.get(i).is(")") && --depth == 0) {
                List<Token> out = new ArrayList<>(tokens.subList(0, with));
                out.addAll(withoutStorageParameters(tokens.subList(i + 1, tokens.size())));
                return out;
            }
        }
        return tokens;
    }

    /** Index of the first word {@code word} at parenthesis depth 0 at or after {@code from}, or -1. */
    static int findTopLevel(List<Token> tokens, int from, String word) {
        int depth = 0;
        for (int i = from; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.is("(")) {
                depth++;
            } else if (t.is(")")) {
                depth--;
            } else if (depth == 0 && t.isWord(word)) {
                return i;
            }
        }
        return -1;
    }

    private static String show(List<Token> tokens) {
        List<Token> solid = tokens.stream().filter(t -> !t.isSpace()).toList();
        StringBuilder name = new StringBuilder();
        for (int i = 1; i < solid.size(); i++) {
            name.append(solid.get(i).text());
        }
        String n = name.toString().toLowerCase(Locale.ROOT);
        if (n.equals("all")) {
            return "SELECT name, setting, short_desc AS description FROM " + PgCatalog.SCHEMA + ".pg_settings ORDER BY name";
        }
        // PostgreSQL's grammar spells three settings as keyword phrases (pgJDBC's getTransactionIsolation sends
        // SHOW TRANSACTION ISOLATION LEVEL); the words were concatenated above.
        switch (n) {
            case "timezone" -> n = "TimeZone";
            case "transactionisolationlevel" -> n = "transaction_isolation";
            case "sessionauthorization" -> n = "session_authorization";
            default -> { }
        }
        String column = n.replace("\"", "");
        return "SELECT current_setting('" + column.replace("'", "''") + "') AS \"" + column.replace("\"", "") + "\"";
    }

    // ------------------------------------------------------------ helpers

    static int nextSolid(List<Token> tokens, int i) {
        while (i < tokens.size() && tokens.get(i).isSpace()) {
            i++;
        }
        return i;
    }

    private static List<Token> trimmed(List<Token> tokens) {
        int start = 0;
        int end = tokens.size();
        while (start < end && tokens.get(start).isSpace()) {
            start++;
        }
        while (end > start && tokens.get(end - 1).isSpace()) {
            end--;
        }
        return tokens.subList(start, end);
    }

    static List<String> leadingWords(List<Token> tokens, int max) {
        List<String> words = new ArrayList<>();
        for (Token t : tokens) {
            if (t.isSpace()) {
                continue;
            }
            if (t.kind() != Kind.WORD || words.size() >= max) {
                break;
            }
            words.add(t.text().toUpperCase(Locale.ROOT));
        }
        return words;
    }

    /** Every non-space token, as written (for local commands that need their arguments). */
    private static List<String> words(List<Token> tokens) {
        return tokens.stream().filter(t -> !t.isSpace()).map(Token::text).toList();
    }

    private static String verb(List<String> words) {
        if (words.isEmpty()) {
            return "SELECT";
        }
        String first = words.get(0);
        switch (first) {
            case "CREATE": case "DROP": case "ALTER": {
                List<String> rest = new ArrayList<>(words.subList(1, words.size()));
                rest.removeIf(w -> Set.of("OR", "REPLACE", "UNIQUE", "TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL", "LOCAL").contains(w));
                if (rest.isEmpty()) {
                    return first;
                }
                if (rest.size() > 1 && rest.get(0).equals("MATERIALIZED")) {
                    return first + " MATERIALIZED VIEW";
                }
                return first + " " + rest.get(0);
            }
            case "START": return "BEGIN";
            case "END": return "COMMIT";
            case "ABORT": return "ROLLBACK";
            case "TRUNCATE": return "TRUNCATE TABLE";
            case "DISCARD": return words.size() > 1 ? "DISCARD " + words.get(1) : "DISCARD";
            case "RESET": return "RESET";
            case "RELEASE": return "RELEASE";
            default: return first;
        }
    }
}

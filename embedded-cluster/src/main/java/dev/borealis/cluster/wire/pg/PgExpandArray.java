package dev.borealis.cluster.wire.pg;

import dev.borealis.cluster.wire.pg.PgLexer.Kind;
import dev.borealis.cluster.wire.pg.PgLexer.Token;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code information_schema._pg_expandarray(arr)} in a select list (pgJDBC's getPrimaryKeys and
 * getIndexInfo): a set-returning function yielding {@code (x, n)} per element. H2 has no
 * set-returning functions in select lists nor lateral UNNEST, so the query instead joins a row
 * source of positions {@code 1..32} (PostgreSQL's INDEX_MAX_KEYS) limited by the array's
 * cardinality: {@code (…).n} is the position, {@code (…).x} and the bare call the element, and a
 * later {@code (alias).x} of a column holding the bare call is that column.
 */
final class PgExpandArray {

    private static final String POSITIONS = "_pg_e";

    private PgExpandArray() {
    }

    static List<Token> rewrite(List<Token> in) {
        int call = findCall(in, 0);
        if (call < 0) {
            return in;
        }
        List<Token> out = new ArrayList<>(in);
        Set<String> aliases = new HashSet<>();
        String array = null;
        int scopeDepthCall = -1;
        while ((call = findCall(out, 0)) >= 0) {
            int open = PgTranslator.nextSolid(out, call + 1);
            int close = matching(out, open);
            String arg = PgLexer.text(out.subList(open + 1, close)).trim();
            if (array != null && !array.equals(arg)) {
                throw new PgTranslator.Unsupported("_pg_expandarray over two different arrays in one query");
            }
            array = arg;
            int start = qualifierStart(out, call);
            String element = arg + "[" + POSITIONS + ".\"X\"]";
            int before = start - 1;
            while (before >= 0 && out.get(before).isSpace()) {
                before--;
            }
            int after = PgTranslator.nextSolid(out, close + 1);
            if (before >= 0 && out.get(before).is("(") && after < out.size() && out.get(after).is(")")) {
                int dot = PgTranslator.nextSolid(out, after + 1);
                int field = PgTranslator.nextSolid(out, dot + 1);
                if (dot < out.size() && out.get(dot).is(".") && field < out.size()) {
                    String f = out.get(field).text().toLowerCase(Locale.ROOT);
                    String replacement = f.equals("n") ? POSITIONS + ".\"X\"" : element;
                    replace(out, before, field, replacement);
                    scopeDepthCall = depthAt(out, before);
                    continue;
                }
            }
            int as = PgTranslator.nextSolid(out, close + 1);
            if (as < out.size() && out.get(as).isWord("AS")) {
                int name = PgTranslator.nextSolid(out, as + 1);
                aliases.add(out.get(name).text().toLowerCase(Locale.ROOT));
            }
            replace(out, start, close, element);
            scopeDepthCall = depthAt(out, start);
        }
        insertJoin(out, scopeDepthCall, array);
        return fieldAccess(out, aliases);
    }

    private static int findCall(List<Token> t, int from) {
        for (int i = from; i < t.size(); i++) {
            if (t.get(i).isWord("_pg_expandarray")) {
                return i;
            }
        }
        return -1;
    }

    private static int qualifierStart(List<Token> t, int call) {
        if (call >= 2 && t.get(call - 1).is(".") && t.get(call - 2).isWord("information_schema")) {
            return call - 2;
        }
        return call;
    }

    private static void replace(List<Token> t, int from, int toInclusive, String text) {
        t.subList(from, toInclusive + 1).clear();
        t.add(from, new Token(Kind.WORD, text));
    }

    private static int matching(List<Token> t, int open) {
        int depth = 0;
        for (int i = open; i < t.size(); i++) {
            if (t.get(i).is("(")) {
                depth++;
            } else if (t.get(i).is(")") && --depth == 0) {
                return i;
            }
        }
        throw new PgTranslator.Unsupported("_pg_expandarray: unbalanced parentheses");
    }

    private static int depthAt(List<Token> t, int index) {
        int depth = 0;
        for (int i = 0; i < index; i++) {
            if (t.get(i).is("(")) {
                depth++;
            } else if (t.get(i).is(")")) {
                depth--;
            }
        }
        return depth;
    }

    /** Adds the positions join after the FROM list of the select at {@code depth}. */
    private static void insertJoin(List<Token> t, int depth, String array) {
        int d = 0;
        boolean inFrom = false;
        for (int i = 0; i < t.size(); i++) {
            Token x = t.get(i);
            if (x.is("(")) {
                d++;
                continue;
            }
            if (x.is(")")) {
                if (d == depth && inFrom) {
                    insertAt(t, i, array);
                    return;
                }
                d--;
                continue;
            }
            if (d != depth) {
                continue;
            }
            if (x.isWord("FROM")) {
                inFrom = true;
            } else if (inFrom && (x.isWord("WHERE") || x.isWord("GROUP") || x.isWord("ORDER") || x.isWord("LIMIT"))) {
                insertAt(t, i, array);
                return;
            }
        }
        if (inFrom) {
            insertAt(t, t.size(), array);
        } else {
            throw new PgTranslator.Unsupported("_pg_expandarray outside a query with FROM");
        }
    }

    private static void insertAt(List<Token> t, int i, String array) {
        t.add(i, new Token(Kind.WORD, " JOIN system_range(1, 32) " + POSITIONS + " ON " + POSITIONS
                + ".\"X\" <= CARDINALITY(" + array + ") "));
    }

    /** {@code (result.keys).x} where {@code keys} held the bare call: just the column. */
    private static List<Token> fieldAccess(List<Token> t, Set<String> aliases) {
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).is("(") && i + 5 < t.size()) {
                int a = PgTranslator.nextSolid(t, i + 1);
                int dot = PgTranslator.nextSolid(t, a + 1);
                int col = PgTranslator.nextSolid(t, dot + 1);
                int close = PgTranslator.nextSolid(t, col + 1);
                int dot2 = PgTranslator.nextSolid(t, close + 1);
                int field = PgTranslator.nextSolid(t, dot2 + 1);
                if (field < t.size() && t.get(dot).is(".") && t.get(close).is(")") && t.get(dot2).is(".")
                        && aliases.contains(t.get(col).text().toLowerCase(Locale.ROOT)) && t.get(field).isWord("x")) {
                    out.add(new Token(Kind.WORD, t.get(a).text() + "." + t.get(col).text()));
                    i = field;
                    continue;
                }
            }
            out.add(t.get(i));
        }
        return out;
    }
}

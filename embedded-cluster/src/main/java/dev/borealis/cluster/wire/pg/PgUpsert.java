package dev.borealis.cluster.wire.pg;

import dev.borealis.cluster.wire.pg.PgLexer.Kind;
import dev.borealis.cluster.wire.pg.PgLexer.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code INSERT INTO t [AS a] (cols) VALUES … | SELECT … ON CONFLICT (keys) DO NOTHING | DO UPDATE SET … [WHERE …]}
 * as H2's {@code MERGE INTO t USING (…) AS excluded(cols) ON … WHEN MATCHED … WHEN NOT MATCHED …}: the
 * same rows inserted or updated, and the same count. Needs the column list and a conflict target;
 * without them (or with {@code ON CONSTRAINT}) the statement is 0A000.
 */
final class PgUpsert {

    static String toMerge(List<Token> all) {
        List<Token> t = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            if (!all.get(k).isSpace()) {
                t.add(all.get(k));
                positions.add(k);
            }
        }
        return new PgUpsert(all, positions).merge(t);
    }

    private final List<Token> all;
    private final List<Integer> positions;

    private PgUpsert(List<Token> all, List<Integer> positions) {
        this.all = all;
        this.positions = positions;
    }

    /** The original text (white space included) of solid tokens {@code from} (inclusive) to {@code to} (exclusive). */
    private String text(int from, int to) {
        if (from >= to) {
            return "";
        }
        return PgLexer.text(all.subList(positions.get(from), positions.get(to - 1) + 1)).trim();
    }

    private String merge(List<Token> t) {
        int i = 0;
        expect(t, i++, "INSERT");
        expect(t, i++, "INTO");
        StringBuilder table = new StringBuilder();
        while (i < t.size() && (t.get(i).kind() == Kind.WORD || t.get(i).kind() == Kind.QUOTED_IDENT || t.get(i).is("."))
                && !t.get(i).isWord("AS")) {
            table.append(t.get(i++).text());
        }
        String alias = null;
        if (i < t.size() && t.get(i).isWord("AS")) {
            alias = t.get(i + 1).text();
            i += 2;
        }
        if (i >= t.size() || !t.get(i).is("(")) {
            throw new PgTranslator.Unsupported("INSERT … ON CONFLICT needs an explicit column list here");
        }
        int close = matching(t, i);
        List<String> columns = split(t.subList(i + 1, close));
        int conflict = indexOfWord(t, close + 1, "CONFLICT");
        String source = text(close + 1, conflict - 1);
        int p = conflict + 1;
        if (p >= t.size() || !t.get(p).is("(")) {
            throw new PgTranslator.Unsupported("INSERT … ON CONFLICT without a conflict column list (or ON CONSTRAINT)");
        }
        int keysClose = matching(t, p);
        List<String> keys = split(t.subList(p + 1, keysClose));
        p = keysClose + 1;
        expect(t, p++, "DO");
        String ref = alias != null ? alias : lastPart(table.toString());
        StringBuilder sb = new StringBuilder("MERGE INTO ").append(table);
        if (alias != null) {
            sb.append(" AS ").append(alias);
        }
        sb.append(" USING (").append(source).append(") AS excluded(").append(String.join(", ", columns)).append(") ON ");
        for (int k = 0; k < keys.size(); k++) {
            sb.append(k > 0 ? " AND " : "").append(ref).append('.').append(keys.get(k)).append(" = excluded.").append(keys.get(k));
        }
        if (t.get(p).isWord("UPDATE")) {
            expect(t, p + 1, "SET");
            int where = indexOfWordOrEnd(t, p + 2, "WHERE");
            sb.append(" WHEN MATCHED");
            if (where < t.size()) {
                sb.append(" AND (").append(text(where + 1, t.size())).append(')');
            }
            sb.append(" THEN UPDATE SET ").append(text(p + 2, where));
        } else {
            expect(t, p, "NOTHING");
        }
        sb.append(" WHEN NOT MATCHED THEN INSERT (").append(String.join(", ", columns)).append(") VALUES (");
        for (int c = 0; c < columns.size(); c++) {
            sb.append(c > 0 ? ", " : "").append("excluded.").append(columns.get(c));
        }
        return sb.append(')').toString();
    }

    private static String lastPart(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }

    private static void expect(List<Token> t, int i, String word) {
        if (i >= t.size() || !t.get(i).isWord(word)) {
            throw new PgTranslator.Unsupported("INSERT … ON CONFLICT: expected " + word + " at token " + i);
        }
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
        throw new PgTranslator.Unsupported("INSERT … ON CONFLICT: unbalanced parentheses");
    }

    private static int indexOfWord(List<Token> t, int from, String word) {
        int depth = 0;
        for (int i = from; i < t.size(); i++) {
            if (t.get(i).is("(")) {
                depth++;
            } else if (t.get(i).is(")")) {
                depth--;
            } else if (depth == 0 && t.get(i).isWord(word) && i > 0 && t.get(i - 1).isWord("ON")) {
                return i;
            }
        }
        throw new PgTranslator.Unsupported("INSERT … ON CONFLICT: ON CONFLICT not found at the top level");
    }

    private static int indexOfWordOrEnd(List<Token> t, int from, String word) {
        int depth = 0;
        for (int i = from; i < t.size(); i++) {
            if (t.get(i).is("(")) {
                depth++;
            } else if (t.get(i).is(")")) {
                depth--;
            } else if (depth == 0 && t.get(i).isWord(word)) {
                return i;
            }
        }
        return t.size();
    }

    private static List<String> split(List<Token> t) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (Token x : t) {
            if (x.is(",")) {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(x.text());
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString().trim());
        }
        return out;
    }

}

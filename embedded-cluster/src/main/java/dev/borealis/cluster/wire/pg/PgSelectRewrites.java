package dev.borealis.cluster.wire.pg;

import dev.borealis.cluster.wire.pg.PgLexer.Token;

import java.util.List;

/**
 * {@code generate_series} as a set-returning function: in FROM it becomes H2's {@code system_range}
 * with PostgreSQL's column name; in the select list of a query without FROM, the query selects from it.
 */
final class PgSelectRewrites {

    private PgSelectRewrites() {
    }

    static String generateSeries(List<Token> tokens) {
        int at = find(tokens);
        if (at < 0) {
            return PgLexer.text(tokens);
        }
        int open = PgTranslator.nextSolid(tokens, at + 1);
        int close = close(tokens, open);
        String args = PgLexer.text(tokens.subList(open + 1, close));
        String series = "(SELECT \"X\" AS generate_series FROM system_range(" + args + "))";
        boolean inFrom = precededByFromOrJoin(tokens, at);
        String before = PgLexer.text(tokens.subList(0, at));
        String after = PgLexer.text(tokens.subList(close + 1, tokens.size()));
        if (inFrom) {
            boolean aliased = PgTranslator.nextSolid(tokens, close + 1) < tokens.size()
                    && tokens.get(PgTranslator.nextSolid(tokens, close + 1)).kind() == PgLexer.Kind.WORD
                    && !isClauseWord(tokens.get(PgTranslator.nextSolid(tokens, close + 1)));
            // PostgreSQL lets the alias of a function in FROM also name its single column (prattrs[s])
            String alias = aliased ? tokens.get(PgTranslator.nextSolid(tokens, close + 1)).text() : null;
            String replaced = aliased ? "(SELECT \"X\" AS " + alias + " FROM system_range(" + args + "))"
                    : series + " generate_series";
            return generateSeries(PgLexer.tokenize(before + replaced + after));
        }
        if (PgTranslator.findTopLevel(tokens, 0, "FROM") >= 0) {
            throw new PgTranslator.Unsupported("generate_series in a select list together with FROM");
        }
        return before + "gs.generate_series" + after + " FROM " + series + " gs";
    }

    private static boolean isClauseWord(Token t) {
        for (String w : new String[] {"WHERE", "ORDER", "GROUP", "LIMIT", "JOIN", "ON", "LEFT", "INNER", "CROSS", "UNION", "OFFSET", "HAVING"}) {
            if (t.isWord(w)) {
                return true;
            }
        }
        return false;
    }

    private static int find(List<Token> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).isWord("generate_series")) {
                int next = PgTranslator.nextSolid(tokens, i + 1);
                if (next < tokens.size() && tokens.get(next).is("(")) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static int close(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).is("(")) {
                depth++;
            } else if (tokens.get(i).is(")") && --depth == 0) {
                return i;
            }
        }
        throw new PgTranslator.Unsupported("generate_series: unbalanced parentheses");
    }

    private static boolean precededByFromOrJoin(List<Token> tokens, int at) {
        for (int i = at - 1; i >= 0; i--) {
            Token t = tokens.get(i);
            if (t.isSpace()) {
                continue;
            }
            return t.isWord("FROM") || t.isWord("JOIN") || t.is(",") && PgTranslator.findTopLevel(tokens.subList(0, at), 0, "FROM") >= 0;
        }
        return false;
    }
}

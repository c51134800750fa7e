package dev.borealis.cluster.wire.mysql;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The columns an INSERT or REPLACE names explicitly (its column list, or the targets of INSERT … SET). */
final class InsertColumns {

    private InsertColumns() {
    }

    static Set<String> names(String mysql) {
        List<SqlToken> t = StatementRouter.significant(mysql);
        Set<String> names = new HashSet<>();
        int i = 0;
        while (i < t.size() && !t.get(i).isSymbol("(") && !t.get(i).isWord("SET") && !t.get(i).isWord("VALUES")
                && !t.get(i).isWord("VALUE") && !t.get(i).isWord("SELECT")) {
            i++;
        }
        if (i >= t.size()) {
            return names;
        }
        boolean set = t.get(i).isWord("SET");
        if (!set && !t.get(i).isSymbol("(")) {
            return names;
        }
        int depth = 0;
        for (int k = i + 1; k < t.size(); k++) {
            SqlToken token = t.get(k);
            if (token.isSymbol("(")) {
                depth++;
            } else if (token.isSymbol(")")) {
                if (depth-- == 0 && !set) {
                    break;
                }
            } else if (depth == 0 && (token.type() == SqlToken.Type.WORD || token.type() == SqlToken.Type.BACKTICK)
                    && (!set || k + 1 < t.size() && t.get(k + 1).isSymbol("="))) {
                if (set && token.isWord("ON")) {
                    break;
                }
                names.add(token.identifier().toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}

package dev.borealis.cluster.wire.pg;

import java.sql.SQLException;
import java.util.List;

/**
 * Bounds how deeply a statement nests parentheses before the translation passes and H2's recursive-descent parser
 * see it (20,000 levels overflowed the connection thread's stack and dropped the connection). PostgreSQL reports
 * its own recursion limit as 54001 "stack depth limit exceeded"; a deeper statement gets that.
 */
final class PgNestingDepth {

    static final int MAX = 1000;

    private PgNestingDepth() {
    }

    static void check(List<PgLexer.Token> tokens) throws SQLException {
        int depth = 0;
        for (PgLexer.Token t : tokens) {
            if (t.is("(") && ++depth > MAX) {
                throw new SQLException("stack depth limit exceeded", "54001");
            } else if (t.is(")") && depth > 0) {
                depth--;
            }
        }
    }
}

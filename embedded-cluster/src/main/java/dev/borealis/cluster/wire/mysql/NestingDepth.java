package dev.borealis.cluster.wire.mysql;

/**
 * Bounds how deeply a statement nests parentheses before anything recursive (the translation passes, H2's
 * recursive-descent parser) sees it: 20,000 nested parentheses overflowed the connection thread's stack. A deeper
 * statement gets the parser's own error, as MariaDB's parser reports its stack running out ("memory exhausted",
 * 1064; MariaDB 10.11 gives it from about 32,000 levels, H2 needs the bound lower).
 */
final class NestingDepth {

    static final int MAX = 1000;
    private static final int NEAR = 80;

    private NestingDepth() {
    }

    static void check(String sql) throws MySqlErrorException {
        int depth = 0;
        int offset = 0;
        for (SqlToken t : SqlLexer.tokenize(sql)) {
            if (t.isSymbol("(") && ++depth > MAX) {
                throw memoryExhausted(sql, offset).exception();
            } else if (t.isSymbol(")") && depth > 0) {
                depth--;
            }
            offset += t.text().length();
        }
    }

    private static MySqlError memoryExhausted(String sql, int offset) {
        String rest = sql.substring(offset);
        String near = rest.length() > NEAR ? rest.substring(0, NEAR) + "..." : rest;
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (sql.charAt(i) == '\n') {
                line++;
            }
        }
        return new MySqlError(1064, "42000", "memory exhausted near '" + near + "' at line " + line);
    }
}

package dev.borealis.cluster.wire.pg;

import java.util.List;

/**
 * One PostgreSQL statement after translation: how the frontend runs it and the H2 SQL, if any.
 *
 * @param verb the upper-case command word(s) the CommandComplete tag starts with ({@code INSERT}, {@code CREATE TABLE} …)
 * @param words the leading words of the original statement, upper-cased (for local commands)
 * @param h2Before H2 statements to run first, where one PostgreSQL statement needs several
 *     ({@code TRUNCATE a, b})
 */
record PgStatement(Kind kind, String original, String h2Sql, String verb, List<String> words, String unsupported,
                   List<String> h2Before) {

    PgStatement(Kind kind, String original, String h2Sql, String verb, List<String> words, String unsupported) {
        this(kind, original, h2Sql, verb, words, unsupported, List.of());
    }

    enum Kind {
        /** Nothing but white space and comments: EmptyQueryResponse. */
        EMPTY,
        /** Runs on the session as H2 SQL. */
        H2,
        /** BEGIN / START TRANSACTION [modes]. */
        BEGIN,
        /** SET / RESET / DISCARD / LISTEN … handled by the frontend's session settings. */
        LOCAL,
        /** COPY … FROM STDIN / TO STDOUT. */
        COPY,
        /** Valid PostgreSQL the embedded engine cannot do: 0A000. */
        UNSUPPORTED
    }
}

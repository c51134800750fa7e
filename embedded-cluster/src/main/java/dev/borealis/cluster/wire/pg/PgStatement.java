package dev.borealis.cluster.wire.pg;

import java.util.List;

/**
 * One PostgreSQL statement after translation: how the frontend runs it and the H2 SQL, if any.
 *
 * @param verb the upper-case command word(s) the CommandComplete tag starts with ({@code INSERT}, {@code CREATE TABLE} …)
 * @param words the leading words of the original statement, upper-cased (for local commands)
 */
record PgStatement(Kind kind, String original, String h2Sql, String verb, List<String> words, String unsupported) {

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

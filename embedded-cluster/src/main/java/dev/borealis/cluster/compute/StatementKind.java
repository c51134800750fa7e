package dev.borealis.cluster.compute;

/** What a statement means to the session's transaction and replication logic. */
enum StatementKind {
    BEGIN,
    BEGIN_READ_ONLY,
    COMMIT,
    ROLLBACK,
    SAVEPOINT,
    ROLLBACK_TO_SAVEPOINT,
    RELEASE_SAVEPOINT,
    /** Changes the schema and commits implicitly; replicated as a statement. */
    DDL,
    /** Schema change local to the session (temporary tables); not replicated. */
    LOCAL_DDL,
    /** Anything else: queries and DML, captured row by row. */
    OTHER
}

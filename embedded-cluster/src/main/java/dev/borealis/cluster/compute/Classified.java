package dev.borealis.cluster.compute;

/** A statement's kind, and the savepoint name for savepoint statements. */
record Classified(StatementKind kind, String savepoint, boolean touchesSequences) {
}

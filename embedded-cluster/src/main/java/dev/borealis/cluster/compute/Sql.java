package dev.borealis.cluster.compute;

/** Identifier quoting for the statements the cluster generates itself. */
final class Sql {
    private Sql() {
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}

package dev.borealis.cluster.wire.pg;

/** One field of a RowDescription. */
record PgColumn(String name, PgType type, int tableOid, int attnum, int typmod) {

    PgColumn(String name, PgType type) {
        this(name, type, 0, 0, -1);
    }
}

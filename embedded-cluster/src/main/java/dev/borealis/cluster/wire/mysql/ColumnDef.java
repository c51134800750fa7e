package dev.borealis.cluster.wire.mysql;

/** A column as the protocol describes it (Protocol::ColumnDefinition41). */
record ColumnDef(String schema, String table, String orgTable, String name, String orgName, int charset,
                 long length, int type, int flags, int decimals) {

    static final int NOT_NULL = 1;
    static final int PRI_KEY = 2;
    static final int BLOB = 16;
    static final int UNSIGNED = 32;
    static final int BINARY = 128;
    static final int AUTO_INCREMENT = 512;
    static final int NUM = 32768;

    byte[] encode() {
        return new PayloadWriter(64).lenencString("def").lenencString(nz(schema)).lenencString(nz(table))
                .lenencString(nz(orgTable)).lenencString(nz(name)).lenencString(nz(orgName)).lenenc(0x0C)
                .int2(charset).int4(Math.min(length, 0xFFFFFFFFL)).int1(type).int2(flags).int1(decimals).int2(0)
                .toByteArray();
    }

    /** A parameter placeholder of a prepared statement, as mysqld describes it. */
    static ColumnDef parameter() {
        return new ColumnDef("", "", "", "?", "", Protocol.BINARY_CHARSET, 0, MySqlTypes.VAR_STRING, BINARY, 0);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}

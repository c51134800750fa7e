package dev.borealis.cluster.wire.pg;

import java.sql.Types;
import java.util.Locale;

/** The PostgreSQL types the frontend names in RowDescription / ParameterDescription, with their real OIDs. */
enum PgType {
    BOOL(16, "bool", 1, "boolean"),
    BYTEA(17, "bytea", -1, "bytea"),
    NAME(19, "name", 64, "name"),
    INT8(20, "int8", 8, "bigint"),
    INT2(21, "int2", 2, "smallint"),
    INT4(23, "int4", 4, "integer"),
    TEXT(25, "text", -1, "text"),
    OID(26, "oid", 4, "oid"),
    JSON(114, "json", -1, "json"),
    FLOAT4(700, "float4", 4, "real"),
    FLOAT8(701, "float8", 8, "double precision"),
    UNKNOWN(705, "unknown", -2, "unknown"),
    BPCHAR(1042, "bpchar", -1, "character"),
    VARCHAR(1043, "varchar", -1, "character varying"),
    DATE(1082, "date", 4, "date"),
    TIME(1083, "time", 8, "time without time zone"),
    TIMESTAMP(1114, "timestamp", 8, "timestamp without time zone"),
    TIMESTAMPTZ(1184, "timestamptz", 8, "timestamp with time zone"),
    INTERVAL(1186, "interval", 16, "interval"),
    TIMETZ(1266, "timetz", 12, "time with time zone"),
    NUMERIC(1700, "numeric", -1, "numeric"),
    UUID(2950, "uuid", 16, "uuid"),
    JSONB(3802, "jsonb", -1, "jsonb");

    private final int oid;
    private final String typname;
    private final short length;
    private final String sqlName;

    PgType(int oid, String typname, int length, String sqlName) {
        this.oid = oid;
        this.typname = typname;
        this.length = (short) length;
        this.sqlName = sqlName;
    }

    int oid() {
        return oid;
    }

    String typname() {
        return typname;
    }

    short length() {
        return length;
    }

    /** The name {@code format_type} prints. */
    String sqlName() {
        return sqlName;
    }

    static PgType byOid(int oid) {
        for (PgType t : values()) {
            if (t.oid == oid) {
                return t;
            }
        }
        return null;
    }

    /** The PostgreSQL type a JDBC column of H2 is shown as. */
    static PgType ofJdbc(int jdbcType, String typeName) {
        if ("UUID".equalsIgnoreCase(typeName)) {
            return UUID;
        }
        switch (jdbcType) {
            case Types.BOOLEAN: case Types.BIT: return BOOL;
            case Types.TINYINT: case Types.SMALLINT: return INT2;
            case Types.INTEGER: return INT4;
            case Types.BIGINT: return INT8;
            case Types.REAL: return FLOAT4;
            case Types.FLOAT: case Types.DOUBLE: return FLOAT8;
            case Types.NUMERIC: case Types.DECIMAL: return NUMERIC;
            case Types.CHAR: case Types.NCHAR: return BPCHAR;
            case Types.VARCHAR: case Types.NVARCHAR: case Types.LONGVARCHAR: return VARCHAR;
            case Types.CLOB: case Types.NCLOB: return TEXT;
            case Types.BINARY: case Types.VARBINARY: case Types.LONGVARBINARY: case Types.BLOB: return BYTEA;
            case Types.DATE: return DATE;
            case Types.TIME: return TIME;
            case Types.TIME_WITH_TIMEZONE: return TIMETZ;
            case Types.TIMESTAMP: return TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE: return TIMESTAMPTZ;
            default: break;
        }
        String name = typeName == null ? "" : typeName.toUpperCase(Locale.ROOT);
        if (name.equals("UUID")) {
            return UUID;
        }
        if (name.equals("JSON")) {
            return JSON;
        }
        if (name.startsWith("INTERVAL")) {
            return INTERVAL;
        }
        return TEXT;
    }
}

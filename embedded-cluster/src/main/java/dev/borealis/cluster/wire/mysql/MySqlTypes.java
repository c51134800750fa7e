package dev.borealis.cluster.wire.mysql;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;

/** Maps H2's JDBC column types to MySQL's protocol types, lengths, flags and character sets. */
final class MySqlTypes {

    static final int DECIMAL = 0x00;
    static final int TINY = 0x01;
    static final int SHORT = 0x02;
    static final int LONG = 0x03;
    static final int FLOAT = 0x04;
    static final int DOUBLE = 0x05;
    static final int NULL = 0x06;
    static final int TIMESTAMP = 0x07;
    static final int LONGLONG = 0x08;
    static final int INT24 = 0x09;
    static final int DATE = 0x0A;
    static final int TIME = 0x0B;
    static final int DATETIME = 0x0C;
    static final int YEAR = 0x0D;
    static final int VARCHAR = 0x0F;
    static final int BIT = 0x10;
    static final int JSON = 0xF5;
    static final int NEWDECIMAL = 0xF6;
    static final int ENUM = 0xF7;
    static final int TINY_BLOB = 0xF9;
    static final int MEDIUM_BLOB = 0xFA;
    static final int LONG_BLOB = 0xFB;
    static final int BLOB = 0xFC;
    static final int VAR_STRING = 0xFD;
    static final int STRING = 0xFE;

    private static final int TEXT = Protocol.UTF8MB4_0900_AI_CI;
    private static final int BIN = Protocol.BINARY_CHARSET;

    private MySqlTypes() {
    }

    static ColumnDef column(ResultSetMetaData md, int i) throws SQLException {
        String label = md.getColumnLabel(i);
        String name = md.getColumnName(i);
        String table = md.getTableName(i);
        String schema = md.getSchemaName(i);
        int flags = md.isNullable(i) == ResultSetMetaData.columnNoNulls ? ColumnDef.NOT_NULL : 0;
        if (md.isAutoIncrement(i)) {
            flags |= ColumnDef.AUTO_INCREMENT;
        }
        long precision = Math.max(md.getPrecision(i), 0);
        int scale = Math.max(md.getScale(i), 0);
        String typeName = md.getColumnTypeName(i) == null ? "" : md.getColumnTypeName(i).toUpperCase(Locale.ROOT);
        Shape s = shape(md.getColumnType(i), typeName, precision, scale);
        return new ColumnDef(schema, table, table, label, name, s.charset, s.length, s.type, flags | s.flags, s.decimals);
    }

    private record Shape(int type, int charset, long length, int flags, int decimals) {
    }

    private static Shape shape(int jdbcType, String typeName, long precision, int scale) {
        switch (jdbcType) {
            case Types.BOOLEAN: case Types.BIT: return new Shape(TINY, BIN, 1, ColumnDef.NUM, 0);
            case Types.TINYINT: return new Shape(TINY, BIN, 4, ColumnDef.NUM, 0);
            case Types.SMALLINT: return new Shape(SHORT, BIN, 6, ColumnDef.NUM, 0);
            case Types.INTEGER: return new Shape(LONG, BIN, 11, ColumnDef.NUM, 0);
            case Types.BIGINT: return new Shape(LONGLONG, BIN, 20, ColumnDef.NUM, 0);
            case Types.REAL: return new Shape(FLOAT, BIN, 12, ColumnDef.NUM, 31);
            case Types.FLOAT: case Types.DOUBLE: return new Shape(DOUBLE, BIN, 22, ColumnDef.NUM, 31);
            case Types.DECIMAL: case Types.NUMERIC: {
                int decimals = Math.min(scale, 30);
                long length = Math.min(precision, 65) + (decimals > 0 ? 2 : 1);
                return new Shape(NEWDECIMAL, BIN, length, ColumnDef.NUM, decimals);
            }
            case Types.CHAR: case Types.NCHAR: return new Shape(STRING, TEXT, chars(precision), 0, 0);
            case Types.CLOB: case Types.NCLOB: return new Shape(BLOB, TEXT, 0xFFFFFFFFL, ColumnDef.BLOB, 0);
            case Types.BINARY: return new Shape(STRING, BIN, precision, ColumnDef.BINARY, 0);
            case Types.VARBINARY: case Types.LONGVARBINARY: return new Shape(VAR_STRING, BIN, precision, ColumnDef.BINARY, 0);
            case Types.BLOB: return new Shape(BLOB, BIN, 0xFFFFFFFFL, ColumnDef.BINARY | ColumnDef.BLOB, 0);
            case Types.DATE: return new Shape(DATE, BIN, 10, ColumnDef.BINARY, 0);
            case Types.TIME: case Types.TIME_WITH_TIMEZONE:
                return new Shape(TIME, BIN, 10 + (scale > 0 ? scale + 1 : 0), ColumnDef.BINARY, Math.min(scale, 6));
            case Types.TIMESTAMP: case Types.TIMESTAMP_WITH_TIMEZONE:
                return new Shape(DATETIME, BIN, 19 + (scale > 0 ? Math.min(scale, 6) + 1 : 0), ColumnDef.BINARY, Math.min(scale, 6));
            case Types.NULL: return new Shape(NULL, BIN, 0, ColumnDef.BINARY, 0);
            default:
                if (typeName.equals("JSON")) {
                    return new Shape(JSON, TEXT, 0xFFFFFFFFL, ColumnDef.BLOB, 0);
                }
                if (typeName.equals("UUID")) {
                    return new Shape(VAR_STRING, TEXT, 36 * 4, 0, 0);
                }
                return new Shape(VAR_STRING, TEXT, chars(precision == 0 ? 255 : precision), 0, 0);
        }
    }

    private static long chars(long precision) {
        return Math.min(precision * 4, 0xFFFFFFFFL);
    }

    static boolean isBinaryBlob(int type) {
        return type == TINY_BLOB || type == MEDIUM_BLOB || type == LONG_BLOB || type == BLOB;
    }
}

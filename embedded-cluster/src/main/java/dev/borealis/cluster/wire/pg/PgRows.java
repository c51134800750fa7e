package dev.borealis.cluster.wire.pg;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** RowDescription fields from JDBC metadata, and DataRows from a result set. */
final class PgRows {

    private PgRows() {
    }

    static List<PgColumn> columns(ResultSetMetaData md) throws SQLException {
        if (md == null) {
            return null;
        }
        List<PgColumn> columns = new ArrayList<>(md.getColumnCount());
        for (int c = 1; c <= md.getColumnCount(); c++) {
            int jdbc = md.getColumnType(c);
            PgType type = PgType.ofJdbc(jdbc, md.getColumnTypeName(c));
            columns.add(new PgColumn(md.getColumnLabel(c), type, 0, 0, typmod(type, md, c, jdbc)));
        }
        return columns;
    }

    private static int typmod(PgType type, ResultSetMetaData md, int c, int jdbc) throws SQLException {
        int precision = md.getPrecision(c);
        if ((type == PgType.VARCHAR || type == PgType.BPCHAR) && precision > 0 && precision < 10_485_760) {
            return precision + 4;
        }
        if (type == PgType.NUMERIC && jdbc != Types.BIGINT && precision > 0 && precision <= 1000) {
            return ((precision << 16) | Math.max(md.getScale(c), 0)) + 4;
        }
        return -1;
    }

    /** Per-column format codes from Bind's result-format list (none: all text; one: all the same). */
    static short[] formats(short[] requested, int columns) {
        short[] f = new short[columns];
        for (int i = 0; i < columns; i++) {
            f[i] = requested == null || requested.length == 0 ? 0 : requested.length == 1 ? requested[0] : requested[i];
        }
        return f;
    }

    static byte[][] row(ResultSet rs, List<PgColumn> columns, short[] formats) throws SQLException {
        byte[][] values = new byte[columns.size()][];
        for (int c = 0; c < values.length; c++) {
            try {
                values[c] = PgValues.encode(rs, c + 1, columns.get(c).type(), formats != null && formats[c] == 1);
            } catch (RuntimeException e) {
                throw new SQLException("cannot encode column \"" + columns.get(c).name() + "\" as "
                        + columns.get(c).type().typname() + ": " + e, "XX000", e);
            }
        }
        return values;
    }
}

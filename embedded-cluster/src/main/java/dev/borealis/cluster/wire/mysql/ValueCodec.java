package dev.borealis.cluster.wire.mysql;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Turns H2 values into MySQL's text-protocol bytes and binary-protocol encodings. */
final class ValueCodec {

    private ValueCodec() {
    }

    /** The value of a column, normalised to what MySQL would hold (dates local, LOBs read). */
    static Object read(ResultSet rs, int column, ColumnDef def) throws SQLException {
        switch (def.type()) {
            case MySqlTypes.DATETIME:
                return rs.getObject(column, LocalDateTime.class);
            case MySqlTypes.DATE:
                return rs.getObject(column, LocalDate.class);
            case MySqlTypes.TIME:
                return rs.getObject(column, LocalTime.class);
            default:
                break;
        }
        Object value = rs.getObject(column);
        if (value instanceof Clob clob) {
            return clob.getSubString(1, (int) Math.min(clob.length(), Integer.MAX_VALUE));
        }
        if (value instanceof Blob blob) {
            return blob.getBytes(1, (int) Math.min(blob.length(), Integer.MAX_VALUE));
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.atZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime();
        }
        if (value instanceof ZonedDateTime zdt) {
            return zdt.withZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime();
        }
        if (value instanceof OffsetTime ot) {
            return ot.toLocalTime();
        }
        if (value instanceof Reader || value instanceof InputStream) {
            return rs.getString(column);
        }
        return value;
    }

    static byte[] text(Object value, int decimals) {
        if (value instanceof byte[] b) {
            return b;
        }
        return textString(value, decimals).getBytes(StandardCharsets.UTF_8);
    }

    static String textString(Object value, int decimals) {
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return value.toString();
        }
        if (value instanceof LocalDateTime t) {
            return t.toLocalDate() + " " + time(t.toLocalTime(), decimals);
        }
        if (value instanceof LocalTime t) {
            return time(t, decimals);
        }
        if (value instanceof java.sql.Timestamp t) {
            return textString(t.toLocalDateTime(), decimals);
        }
        if (value instanceof Duration d) {
            return Functions.formatDuration(d);
        }
        if (value instanceof Object[] array) {
            return java.util.Arrays.toString(array);
        }
        return String.valueOf(value);
    }

    private static String time(LocalTime t, int decimals) {
        String s = String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        if (decimals > 0 && decimals <= 6) {
            String micros = String.format("%06d", t.getNano() / 1000);
            s += "." + micros.substring(0, decimals);
        }
        return s;
    }

    /** Appends the binary-protocol encoding of a non-null value of a column of {@code type}. */
    static void binary(PayloadWriter w, Object value, ColumnDef def) {
        switch (def.type()) {
            case MySqlTypes.TINY: w.int1((int) asLong(value)); return;
            case MySqlTypes.SHORT: case MySqlTypes.YEAR: w.int2((int) asLong(value)); return;
            case MySqlTypes.LONG: case MySqlTypes.INT24: w.int4(asLong(value)); return;
            case MySqlTypes.LONGLONG: w.int8(asLong(value)); return;
            case MySqlTypes.FLOAT: w.int4(Float.floatToIntBits(((Number) value).floatValue())); return;
            case MySqlTypes.DOUBLE: w.int8(Double.doubleToLongBits(((Number) value).doubleValue())); return;
            case MySqlTypes.DATE: date(w, (LocalDate) value); return;
            case MySqlTypes.DATETIME: case MySqlTypes.TIMESTAMP: dateTime(w, (LocalDateTime) value); return;
            case MySqlTypes.TIME: time(w, (LocalTime) value); return;
            default: w.lenencBytes(text(value, def.decimals()));
        }
    }

    private static long asLong(Object value) {
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        return new BigDecimal(String.valueOf(value)).longValue();
    }

    private static void date(PayloadWriter w, LocalDate d) {
        w.int1(4).int2(d.getYear()).int1(d.getMonthValue()).int1(d.getDayOfMonth());
    }

    private static void dateTime(PayloadWriter w, LocalDateTime t) {
        int micros = t.getNano() / 1000;
        w.int1(micros == 0 ? 7 : 11).int2(t.getYear()).int1(t.getMonthValue()).int1(t.getDayOfMonth())
                .int1(t.getHour()).int1(t.getMinute()).int1(t.getSecond());
        if (micros != 0) {
            w.int4(micros);
        }
    }

    private static void time(PayloadWriter w, LocalTime t) {
        int micros = t.getNano() / 1000;
        w.int1(micros == 0 ? 8 : 12).int1(0).int4(0).int1(t.getHour()).int1(t.getMinute()).int1(t.getSecond());
        if (micros != 0) {
            w.int4(micros);
        }
    }
}

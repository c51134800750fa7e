package dev.borealis.cluster.wire.pg;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** Text and binary wire encodings of values, both directions (results out, parameters in). */
final class PgValues {

    private static final LocalDate PG_EPOCH = LocalDate.of(2000, 1, 1);
    private static final LocalDateTime PG_EPOCH_TS = PG_EPOCH.atStartOfDay();
    private static final DateTimeFormatter TIME_TEXT = new DateTimeFormatterBuilder()
            .appendPattern("HH:mm:ss").optionalStart().appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true)
            .optionalEnd().toFormatter(Locale.ROOT);
    private static final DateTimeFormatter TS_TEXT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss").optionalStart().appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true)
            .optionalEnd().toFormatter(Locale.ROOT);
    private static final DateTimeFormatter TS_PARSE = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("yyyy-MM-dd").optionalStart().appendLiteral(' ').optionalEnd().optionalStart().appendLiteral('T')
            .optionalEnd().optionalStart().appendPattern("HH:mm").optionalStart().appendPattern(":ss").optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().optionalEnd()
            .optionalStart().appendOffset("+HH:mm", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    private PgValues() {
    }

    // ------------------------------------------------------------ results

    /** Column {@code i} of the current row, encoded; null for SQL NULL. */
    static byte[] encode(ResultSet rs, int i, PgType type, boolean binary) throws SQLException {
        Object v = read(rs, i, type);
        if (v == null) {
            return null;
        }
        return binary ? binary(v, type) : text(v, type).getBytes(StandardCharsets.UTF_8);
    }

    private static Object read(ResultSet rs, int i, PgType type) throws SQLException {
        Object v;
        switch (type) {
            case DATE: v = rs.getObject(i, LocalDate.class); break;
            case TIMESTAMP: v = rs.getObject(i, LocalDateTime.class); break;
            case TIMESTAMPTZ: v = rs.getObject(i, OffsetDateTime.class); break;
            case TIME: v = rs.getObject(i, LocalTime.class); break;
            case TIMETZ: v = rs.getObject(i, OffsetTime.class); break;
            default: v = rs.getObject(i); break;
        }
        return rs.wasNull() ? null : v;
    }

    static String text(Object v, PgType type) throws SQLException {
        switch (type) {
            case BOOL: return Boolean.TRUE.equals(v) || "true".equalsIgnoreCase(v.toString()) ? "t" : "f";
            case BYTEA: return "\\x" + HexFormat.of().formatHex(bytes(v));
            case NUMERIC: return v instanceof BigDecimal ? ((BigDecimal) v).toPlainString() : v.toString();
            case FLOAT4: case FLOAT8: return floatText(((Number) v).doubleValue(), type == PgType.FLOAT4, v);
            case TIMESTAMP: return TS_TEXT.format((LocalDateTime) v);
            case TIMESTAMPTZ: return TS_TEXT.format(((OffsetDateTime) v).withOffsetSameInstant(ZoneOffset.UTC)) + "+00";
            case TIME: return TIME_TEXT.format((LocalTime) v);
            case TIMETZ: return TIME_TEXT.format(((OffsetTime) v).toLocalTime()) + offsetText(((OffsetTime) v).getOffset());
            default: return plainText(v);
        }
    }

    private static String floatText(double d, boolean single, Object original) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        String s = single ? Float.toString(((Number) original).floatValue()) : Double.toString(d);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    private static String offsetText(ZoneOffset offset) {
        String id = offset.getId();
        return "Z".equals(id) ? "+00" : id.endsWith(":00") ? id.substring(0, id.length() - 3) : id;
    }

    private static String plainText(Object v) throws SQLException {
        if (v instanceof Array) {
            return arrayText((Object[]) ((Array) v).getArray());
        }
        if (v instanceof Object[]) {
            return arrayText((Object[]) v);
        }
        if (v instanceof Clob) {
            Clob c = (Clob) v;
            return c.getSubString(1, (int) c.length());
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? "t" : "f";
        }
        if (v instanceof byte[] || v instanceof Blob) {
            return "\\x" + HexFormat.of().formatHex(bytes(v));
        }
        return v.toString();
    }

    private static String arrayText(Object[] items) throws SQLException {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < items.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object item = items[i];
            if (item == null) {
                sb.append("NULL");
            } else {
                String s = plainText(item);
                boolean quote = s.isEmpty() || s.chars().anyMatch(ch -> ch == ',' || ch == '"' || ch == '\\' || ch == '{'
                        || ch == '}' || Character.isWhitespace(ch)) || s.equalsIgnoreCase("null");
                sb.append(quote ? '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"' : s);
            }
        }
        return sb.append('}').toString();
    }

    private static byte[] bytes(Object v) throws SQLException {
        if (v instanceof Blob) {
            Blob b = (Blob) v;
            return b.getBytes(1, (int) b.length());
        }
        return (byte[]) v;
    }

    static byte[] binary(Object v, PgType type) throws SQLException {
        switch (type) {
            case BOOL: return new byte[] {(byte) (Boolean.TRUE.equals(v) ? 1 : 0)};
            case INT2: return ByteBuffer.allocate(2).putShort(((Number) v).shortValue()).array();
            case INT4: case OID: return ByteBuffer.allocate(4).putInt(((Number) v).intValue()).array();
            case INT8: return ByteBuffer.allocate(8).putLong(((Number) v).longValue()).array();
            case FLOAT4: return ByteBuffer.allocate(4).putFloat(((Number) v).floatValue()).array();
            case FLOAT8: return ByteBuffer.allocate(8).putDouble(((Number) v).doubleValue()).array();
            case BYTEA: return bytes(v);
            case DATE: return ByteBuffer.allocate(4).putInt((int) ChronoUnit.DAYS.between(PG_EPOCH, (LocalDate) v)).array();
            case TIMESTAMP: return ByteBuffer.allocate(8).putLong(ChronoUnit.MICROS.between(PG_EPOCH_TS, (LocalDateTime) v)).array();
            case TIMESTAMPTZ: return ByteBuffer.allocate(8).putLong(ChronoUnit.MICROS.between(PG_EPOCH_TS,
                    ((OffsetDateTime) v).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime())).array();
            case TIME: return ByteBuffer.allocate(8).putLong(((LocalTime) v).toNanoOfDay() / 1000).array();
            case UUID: {
                java.util.UUID u = v instanceof java.util.UUID ? (java.util.UUID) v : java.util.UUID.fromString(v.toString());
                return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
            }
            case NUMERIC: return numericBinary(v instanceof BigDecimal ? (BigDecimal) v : new BigDecimal(v.toString()));
            default: return text(v, type).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** numeric's binary form: ndigits, weight, sign, dscale, then base-10000 digits. */
    static byte[] numericBinary(BigDecimal value) {
        int scale = Math.max(value.scale(), 0);
        BigDecimal abs = value.abs().setScale(scale);
        BigInteger unscaled = abs.unscaledValue();
        // shift so that the fraction has a multiple of 4 digits
        int fracGroups = (scale + 3) / 4;
        BigInteger shifted = unscaled.multiply(BigInteger.TEN.pow(fracGroups * 4 - scale));
        List<Short> digits = new ArrayList<>();
        BigInteger tenK = BigInteger.valueOf(10000);
        while (shifted.signum() > 0) {
            BigInteger[] qr = shifted.divideAndRemainder(tenK);
            digits.add(0, qr[1].shortValue());
            shifted = qr[0];
        }
        int weight = digits.size() - fracGroups - 1;
        while (!digits.isEmpty() && digits.get(digits.size() - 1) == 0) {
            digits.remove(digits.size() - 1);
        }
        while (!digits.isEmpty() && digits.get(0) == 0) {
            digits.remove(0);
            weight--;
        }
        ByteBuffer b = ByteBuffer.allocate(8 + 2 * digits.size());
        b.putShort((short) digits.size()).putShort((short) (digits.isEmpty() ? 0 : weight))
                .putShort((short) (value.signum() < 0 ? 0x4000 : 0)).putShort((short) scale);
        digits.forEach(b::putShort);
        return b.array();
    }

    // ------------------------------------------------------------ parameters

    /** A bound parameter as the Java value H2 gets; {@code type} may be null (unspecified: text is passed through). */
    static Object decode(byte[] raw, PgType type, boolean binary) throws SQLException {
        if (raw == null) {
            return null;
        }
        try {
            return binary ? decodeBinary(raw, type) : decodeText(new String(raw, StandardCharsets.UTF_8), type);
        } catch (RuntimeException e) {
            throw new SQLException("invalid " + (binary ? "binary" : "text") + " value for parameter of type "
                    + (type == null ? "unknown" : type.typname()) + ": " + e.getMessage(), binary ? "22P03" : "22P02", e);
        }
    }

    private static final java.util.regex.Pattern PG_DATETIME = java.util.regex.Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})( \\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)? ?(?:([+-]\\d{2})(?::?(\\d{2}))?)?");

    /**
     * An untyped text parameter as H2 can convert it to whatever the target turns out to be: the one
     * rewrite needed is of PostgreSQL's date/time literal shapes ({@code 2020-02-29 +00} from pgJDBC's
     * setDate, {@code +02} offsets), which H2 does not parse.
     */
    static String untyped(String s) {
        java.util.regex.Matcher m = PG_DATETIME.matcher(s);
        if (!m.matches() || m.group(3) == null) {
            return s;
        }
        if (m.group(2) == null) {
            return m.group(1);
        }
        return m.group(1) + m.group(2) + m.group(3) + ":" + (m.group(4) == null ? "00" : m.group(4));
    }

    private static Object decodeText(String s, PgType type) {
        if (type == null) {
            return untyped(s);
        }
        switch (type) {
            case BOOL: return parseBool(s);
            case INT2: return Short.parseShort(s.trim());
            case INT4: case OID: return Integer.parseInt(s.trim());
            case INT8: return Long.parseLong(s.trim());
            case FLOAT4: return Float.parseFloat(s.trim());
            case FLOAT8: return Double.parseDouble(s.trim());
            case NUMERIC: return new BigDecimal(s.trim());
            case BYTEA: return s.startsWith("\\x") ? HexFormat.of().parseHex(s.substring(2)) : s.getBytes(StandardCharsets.UTF_8);
            case DATE: return LocalDate.parse(untyped(s.trim()).substring(0, Math.min(10, s.trim().length())));
            case TIMESTAMP: return LocalDateTime.parse(s.trim(), TS_PARSE);
            case TIMESTAMPTZ: return parseTimestamptz(s.trim());
            case UUID: return java.util.UUID.fromString(s.trim());
            default: return s;
        }
    }

    private static Object parseTimestamptz(String s) {
        java.time.temporal.TemporalAccessor t = TS_PARSE.parse(s);
        LocalDateTime local = LocalDateTime.from(t);
        ZoneOffset offset = t.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(t) : ZoneOffset.UTC;
        return OffsetDateTime.of(local, offset);
    }

    private static Boolean parseBool(String s) {
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "t": case "true": case "1": case "y": case "yes": case "on": return Boolean.TRUE;
            case "f": case "false": case "0": case "n": case "no": case "off": return Boolean.FALSE;
            default: throw new IllegalArgumentException("not a boolean: " + s);
        }
    }

    private static Object decodeBinary(byte[] raw, PgType type) {
        ByteBuffer b = ByteBuffer.wrap(raw);
        PgType t = type == null ? PgType.BYTEA : type;
        switch (t) {
            case BOOL: return raw[0] != 0;
            case INT2: return b.getShort();
            case INT4: case OID: return b.getInt();
            case INT8: return b.getLong();
            case FLOAT4: return b.getFloat();
            case FLOAT8: return b.getDouble();
            case DATE: return PG_EPOCH.plusDays(b.getInt());
            case TIMESTAMP: return PG_EPOCH_TS.plus(b.getLong(), ChronoUnit.MICROS);
            case TIMESTAMPTZ: return PG_EPOCH_TS.plus(b.getLong(), ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
            case TIME: return LocalTime.ofNanoOfDay(b.getLong() * 1000);
            case UUID: return new java.util.UUID(b.getLong(), b.getLong());
            case NUMERIC: return numericFromBinary(b);
            case TEXT: case VARCHAR: case BPCHAR: case NAME: case JSON: case UNKNOWN:
                return new String(raw, StandardCharsets.UTF_8);
            default: return raw;
        }
    }

    private static BigDecimal numericFromBinary(ByteBuffer b) {
        int ndigits = b.getShort();
        int weight = b.getShort();
        int sign = b.getShort() & 0xffff;
        int dscale = b.getShort();
        if (sign == 0xC000) {
            throw new IllegalArgumentException("NaN is not supported for numeric parameters");
        }
        BigDecimal result = BigDecimal.ZERO;
        for (int i = 0; i < ndigits; i++) {
            result = result.add(BigDecimal.valueOf(b.getShort()).scaleByPowerOfTen(4 * (weight - i)));
        }
        result = result.setScale(dscale, java.math.RoundingMode.UNNECESSARY);
        return sign == 0x4000 ? result.negate() : result;
    }
}

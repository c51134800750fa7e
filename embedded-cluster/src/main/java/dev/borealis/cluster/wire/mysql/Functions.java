package dev.borealis.cluster.wire.mysql;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.HexFormat;
import java.util.Locale;

/**
 * MySQL functions H2 lacks, installed as H2 aliases in {@code borealis_sys} by
 * {@link AuroraMySqlSurface}; the translator qualifies calls to them. Arguments arrive as strings so
 * that TIMESTAMP, TIMESTAMP WITH TIME ZONE, TIME and literal strings are all accepted, as in MySQL.
 */
public final class Functions {

    static final String SCHEMA = "borealis_sys";

    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd[[ ]['T']HH:mm[:ss]]")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "+00").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .toFormatter(Locale.ROOT);

    private Functions() {
    }

    /** TIMEDIFF(a, b): a - b as MySQL's TIME text ({@code [-]HH:MM:SS[.ffffff]}). */
    public static String timediff(String a, String b) {
        if (a == null || b == null) {
            return null;
        }
        Duration d = isTime(a) && isTime(b)
                ? Duration.between(parseTime(b), parseTime(a))
                : Duration.between(parseDateTime(b), parseDateTime(a));
        return formatDuration(d);
    }

    /** TIME_TO_SEC(time): seconds of a TIME value (or a TIMEDIFF result), negative allowed. */
    public static Long timeToSec(String time) {
        if (time == null) {
            return null;
        }
        String t = time.trim();
        if (!isTime(t)) {
            t = parseDateTime(t).toLocalTime().toString();
        }
        boolean negative = t.startsWith("-");
        String[] parts = (negative ? t.substring(1) : t).split(":");
        long seconds = 0;
        for (String part : parts) {
            seconds = seconds * 60 + (long) Double.parseDouble(part);
        }
        for (int i = parts.length; i < 3; i++) {
            seconds *= 60;
        }
        return negative ? -seconds : seconds;
    }

    /** DATE_FORMAT(date, format) with MySQL's specifiers (%Y %m %d %H %i %s %f %T %j and friends). */
    public static String dateFormat(String value, String format) {
        if (value == null || format == null) {
            return null;
        }
        LocalDateTime t = isTime(value) ? LocalDate.of(0, 1, 1).atTime(parseTime(value)) : parseDateTime(value);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                b.append(c);
                continue;
            }
            b.append(specifier(t, format.charAt(++i)));
        }
        return b.toString();
    }

    private static String specifier(LocalDateTime t, char c) {
        switch (c) {
            case 'Y': return String.format("%04d", t.getYear());
            case 'y': return String.format("%02d", t.getYear() % 100);
            case 'm': return String.format("%02d", t.getMonthValue());
            case 'c': return Integer.toString(t.getMonthValue());
            case 'd': return String.format("%02d", t.getDayOfMonth());
            case 'e': return Integer.toString(t.getDayOfMonth());
            case 'H': return String.format("%02d", t.getHour());
            case 'k': return Integer.toString(t.getHour());
            case 'h': case 'I': return String.format("%02d", (t.getHour() + 11) % 12 + 1);
            case 'l': return Integer.toString((t.getHour() + 11) % 12 + 1);
            case 'i': return String.format("%02d", t.getMinute());
            case 's': case 'S': return String.format("%02d", t.getSecond());
            case 'f': return String.format("%06d", t.getNano() / 1000);
            case 'p': return t.getHour() < 12 ? "AM" : "PM";
            case 'T': return String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
            case 'r': return String.format("%02d:%02d:%02d %s", (t.getHour() + 11) % 12 + 1, t.getMinute(), t.getSecond(),
                    t.getHour() < 12 ? "AM" : "PM");
            case 'j': return String.format("%03d", t.getDayOfYear());
            case 'M': return t.getMonth().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH);
            case 'b': return t.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH);
            case 'W': return t.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH);
            case 'a': return t.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH);
            case 'w': return Integer.toString(t.getDayOfWeek().getValue() % 7);
            default: return String.valueOf(c);
        }
    }

    public static String md5(String value) {
        return value == null ? null : HexFormat.of().formatHex(Scrambles.digest("MD5", value.getBytes(StandardCharsets.UTF_8)));
    }

    public static String sha1(String value) {
        return value == null ? null : HexFormat.of().formatHex(Scrambles.digest("SHA-1", value.getBytes(StandardCharsets.UTF_8)));
    }

    public static String version() {
        return Protocol.SERVER_VERSION;
    }

    public static String auroraVersion() {
        return Protocol.AURORA_VERSION;
    }

    public static BigDecimal unixTimestamp() {
        return BigDecimal.valueOf(System.currentTimeMillis() / 1000);
    }

    static String formatDuration(Duration d) {
        boolean negative = d.isNegative();
        Duration a = d.abs();
        long hours = a.toHours();
        String s = String.format("%s%02d:%02d:%02d", negative ? "-" : "", hours, a.toMinutesPart(), a.toSecondsPart());
        int micros = a.toNanosPart() / 1000;
        return micros == 0 ? s : s + String.format(".%06d", micros);
    }

    private static boolean isTime(String s) {
        String t = s.trim();
        return t.indexOf('-', 1) < 0 && t.contains(":");
    }

    private static LocalTime parseTime(String s) {
        return LocalTime.parse(s.trim());
    }

    private static LocalDateTime parseDateTime(String s) {
        String t = s.trim();
        var parsed = DATE_TIME.parseBest(t, OffsetDateTime::from, LocalDateTime::from);
        if (parsed instanceof OffsetDateTime odt) {
            return odt.atZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime();
        }
        return (LocalDateTime) parsed;
    }
}

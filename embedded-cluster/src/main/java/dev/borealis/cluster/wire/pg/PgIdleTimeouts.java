package dev.borealis.cluster.wire.pg;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code idle_session_timeout} and {@code idle_in_transaction_session_timeout}: how long a session may wait for its
 * next message, outside and inside a transaction (0 = forever). Read from the session's settings, so {@code SET}
 * changes them; values are milliseconds or carry a unit, as PostgreSQL accepts ({@code 500}, {@code '2s'},
 * {@code '1min'}).
 */
final class PgIdleTimeouts {

    static final String IDLE = "idle_session_timeout";
    static final String IDLE_IN_TRANSACTION = "idle_in_transaction_session_timeout";
    private static final Pattern VALUE = Pattern.compile("\\s*(\\d+)\\s*(ms|s|min|h|d)?\\s*");

    private PgIdleTimeouts() {
    }

    static Duration of(PgSettings settings, boolean inTransaction) {
        return parse(settings.get(inTransaction ? IDLE_IN_TRANSACTION : IDLE));
    }

    /** The FATAL that ends a session that waited too long (PostgreSQL 14+). */
    static PgError error(boolean inTransaction) {
        return inTransaction ? PgError.fatal("25P03", "terminating connection due to idle-in-transaction timeout")
                : PgError.fatal("57P05", "terminating connection due to idle-session timeout");
    }

    /** A setting's value as a duration; unparseable or negative values mean no timeout. */
    static Duration parse(String value) {
        if (value == null) {
            return Duration.ZERO;
        }
        Matcher m = VALUE.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Duration.ZERO;
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
        String unit = m.group(2) == null ? "ms" : m.group(2);
        long millis;
        switch (unit) {
            case "s": millis = multiply(n, 1000); break;
            case "min": millis = multiply(n, 60_000); break;
            case "h": millis = multiply(n, 3_600_000); break;
            case "d": millis = multiply(n, 86_400_000); break;
            default: millis = n; break;
        }
        return Duration.ofMillis(Math.min(millis, Integer.MAX_VALUE));
    }

    private static long multiply(long n, long factor) {
        return n > Long.MAX_VALUE / factor ? Long.MAX_VALUE : n * factor;
    }
}

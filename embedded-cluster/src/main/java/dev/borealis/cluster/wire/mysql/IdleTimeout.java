package dev.borealis.cluster.wire.mysql;

import dev.borealis.cluster.wire.WireLimits;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * {@code wait_timeout}: how long a session may stay silent between commands. The server's value comes from its
 * {@link WireLimits} (and is what {@code @@wait_timeout} and {@code @@interactive_timeout} report, in whole seconds
 * as mysqld does); a session may change its own with {@code SET wait_timeout = seconds}.
 */
final class IdleTimeout {

    /** What MySQL 8.0.24+ sends before it closes an idle connection (ER_CLIENT_INTERACTION_TIMEOUT). */
    static final MySqlError ERROR = new MySqlError(4031, "HY000", "The client was disconnected by the server because"
            + " of inactivity. See wait_timeout and interactive_timeout for configuring this behavior.");
    /** mysqld's range for wait_timeout, in seconds. */
    private static final long MIN_SECONDS = 1;
    private static final long MAX_SECONDS = 31_536_000;

    private IdleTimeout() {
    }

    /** The variables whose global values the limits decide. */
    static Map<String, Object> globals(WireLimits limits) {
        long idle = limits.idleTimeout().isZero() ? MAX_SECONDS : roundUpSeconds(limits.idleTimeout());
        return Map.of("wait_timeout", idle, "interactive_timeout", idle,
                "connect_timeout", roundUpSeconds(limits.handshakeTimeout()),
                "max_connections", (long) limits.maxConnections());
    }

    /** The current idle timeout of a session: its own SET value, else the server's. */
    static Duration of(SystemVariables variables, WireLimits limits) {
        Object own = variables.sessionValue("wait_timeout");
        if (own == null) {
            return limits.idleTimeout();
        }
        long seconds = own instanceof Number n ? n.longValue() : parse(own.toString());
        return Duration.ofSeconds(Math.max(MIN_SECONDS, Math.min(MAX_SECONDS, seconds)));
    }

    private static long parse(String text) {
        try {
            return new BigDecimal(text.trim()).longValue();
        } catch (NumberFormatException e) {
            return MAX_SECONDS;
        }
    }

    private static long roundUpSeconds(Duration d) {
        return Math.max(MIN_SECONDS, (d.toMillis() + 999) / 1000);
    }
}

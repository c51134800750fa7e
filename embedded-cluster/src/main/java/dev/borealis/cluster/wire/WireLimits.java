package dev.borealis.cluster.wire;

import dev.borealis.cluster.Engine;

import java.time.Duration;

/**
 * The resource limits a wire frontend enforces per instance, with each engine's own defaults (what Aurora's
 * default parameter groups say). Immutable; start from {@link #defaults(Engine)} and change what a test needs.
 *
 * @param maxConnections client connections one instance accepts at once (MySQL {@code max_connections} 1000,
 *                       PostgreSQL 5000); one more gets the engine's "too many connections" error
 * @param handshakeTimeout how long a client may take from connecting to being authenticated (MySQL
 *                         {@code connect_timeout} 10 s, PostgreSQL {@code authentication_timeout} 60 s)
 * @param idleTimeout how long a session may wait between commands; zero = forever (MySQL {@code wait_timeout}
 *                    and {@code interactive_timeout} 28800 s; PostgreSQL {@code idle_session_timeout} 0)
 * @param idleInTransactionTimeout PostgreSQL's {@code idle_in_transaction_session_timeout} (Aurora: 86400000 ms);
 *                                 zero = off; MySQL has no such setting and ignores it
 * @param authFailures the per-address delay after failed logins
 */
public record WireLimits(int maxConnections, Duration handshakeTimeout, Duration idleTimeout,
                         Duration idleInTransactionTimeout, AuthFailureDelay authFailures) {

    /** The longest timeout a frontend can apply: socket timeouts are whole milliseconds in an {@code int}. */
    static final Duration MAX_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

    public WireLimits {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max connections: " + maxConnections + " is invalid (must be at least 1)");
        }
        checkTimeout("handshake timeout", handshakeTimeout, false);
        checkTimeout("idle timeout", idleTimeout, true);
        checkTimeout("idle in transaction timeout", idleInTransactionTimeout, true);
        if (authFailures == null) {
            throw new IllegalArgumentException("auth failure delay: null is invalid");
        }
    }

    /** The engine's defaults. */
    public static WireLimits defaults(Engine engine) {
        return engine == Engine.POSTGRESQL
                ? new WireLimits(5000, Duration.ofSeconds(60), Duration.ZERO, Duration.ofMillis(86_400_000),
                        AuthFailureDelay.defaults())
                : new WireLimits(1000, Duration.ofSeconds(10), Duration.ofSeconds(28_800), Duration.ZERO,
                        AuthFailureDelay.defaults());
    }

    public WireLimits withMaxConnections(int maxConnections) {
        return new WireLimits(maxConnections, handshakeTimeout, idleTimeout, idleInTransactionTimeout, authFailures);
    }

    public WireLimits withHandshakeTimeout(Duration handshakeTimeout) {
        return new WireLimits(maxConnections, handshakeTimeout, idleTimeout, idleInTransactionTimeout, authFailures);
    }

    public WireLimits withIdleTimeout(Duration idleTimeout) {
        return new WireLimits(maxConnections, handshakeTimeout, idleTimeout, idleInTransactionTimeout, authFailures);
    }

    public WireLimits withIdleInTransactionTimeout(Duration idleInTransactionTimeout) {
        return new WireLimits(maxConnections, handshakeTimeout, idleTimeout, idleInTransactionTimeout, authFailures);
    }

    public WireLimits withAuthFailures(AuthFailureDelay authFailures) {
        return new WireLimits(maxConnections, handshakeTimeout, idleTimeout, idleInTransactionTimeout, authFailures);
    }

    private static void checkTimeout(String what, Duration value, boolean zeroAllowed) {
        if (value == null || value.isNegative() || (!zeroAllowed && value.isZero()) || value.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(what + ": " + value + " is invalid (must be " + (zeroAllowed ? "zero or " : "")
                    + "positive and at most " + MAX_TIMEOUT.toMillis() + " ms)");
        }
    }

    /**
     * After {@code threshold} consecutive failed logins from one address, each further attempt from it waits
     * {@code initial}, doubling per failure up to {@code max} (as MySQL's connection_control plugin does); a
     * successful login from the address clears it.
     */
    public record AuthFailureDelay(int threshold, Duration initial, Duration max) {

        public AuthFailureDelay {
            if (threshold < 1) {
                throw new IllegalArgumentException("auth failure threshold: " + threshold + " is invalid (must be at least 1)");
            }
            checkTimeout("auth failure initial delay", initial, true);
            checkTimeout("auth failure max delay", max, true);
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("auth failure delay: max " + max.toMillis() + " ms is below the initial "
                        + initial.toMillis() + " ms");
            }
        }

        /** 3 free failures, then 250 ms doubling up to 2 s. */
        public static AuthFailureDelay defaults() {
            return new AuthFailureDelay(3, Duration.ofMillis(250), Duration.ofSeconds(2));
        }

        /** No delay at all (for benchmarks that measure failed logins). */
        public static AuthFailureDelay none() {
            return new AuthFailureDelay(Integer.MAX_VALUE, Duration.ZERO, Duration.ZERO);
        }
    }
}

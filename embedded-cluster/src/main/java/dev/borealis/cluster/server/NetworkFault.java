package dev.borealis.cluster.server;

import java.time.Duration;
import java.util.Locale;

/**
 * A network condition injected on one instance's endpoint. {@link Normal}, {@link Blackhole} and
 * {@link Latency} are modes that last until changed; {@link Reset} is a one-shot action that drops
 * every open socket with an RST and leaves the mode normal.
 */
public sealed interface NetworkFault {

    Normal NORMAL = new Normal();
    Blackhole BLACKHOLE = new Blackhole();
    Reset RESET = new Reset();

    /** Name as the admin API spells it. */
    String mode();

    /** Traffic flows. */
    record Normal() implements NetworkFault {
        @Override
        public String mode() {
            return "normal";
        }
    }

    /**
     * Packets vanish: new connections are accepted (the kernel's backlog does that) but get no bytes,
     * and open sessions stall silently, with no RST, until the mode changes or the socket closes.
     */
    record Blackhole() implements NetworkFault {
        @Override
        public String mode() {
            return "blackhole";
        }
    }

    /**
     * Every write that reaches the socket is delayed by {@code delay} (a frontend that buffers its
     * output and flushes once per response sees one delay per response; flushes add none).
     */
    record Latency(Duration delay) implements NetworkFault {
        public static final Duration MAX = Duration.ofMinutes(1);

        public Latency {
            if (delay == null || delay.isNegative() || delay.isZero() || delay.compareTo(MAX) > 0) {
                throw new IllegalArgumentException("latency: " + (delay == null ? null : delay.toMillis() + " ms")
                        + " is out of range 1.." + MAX.toMillis() + " ms");
            }
        }

        @Override
        public String mode() {
            return "latency";
        }
    }

    /** Closes every open socket of the instance with an RST (SO_LINGER 0). */
    record Reset() implements NetworkFault {
        @Override
        public String mode() {
            return "reset";
        }
    }

    /**
     * Parses the admin API's form: {@code normal}, {@code blackhole}, {@code reset}, or {@code latency}
     * with {@code millis}.
     */
    static NetworkFault parse(String mode, Long millis) {
        if (mode == null) {
            throw new IllegalArgumentException("mode: a value is required (normal, blackhole, reset or latency)");
        }
        switch (mode.toLowerCase(Locale.ROOT)) {
            case "normal": return NORMAL;
            case "blackhole": return BLACKHOLE;
            case "reset": return RESET;
            case "latency":
                if (millis == null) {
                    throw new IllegalArgumentException("ms: required for mode latency (1.." + Latency.MAX.toMillis() + ")");
                }
                return new Latency(Duration.ofMillis(millis));
            default:
                throw new IllegalArgumentException("mode: unknown value '" + mode
                        + "' (expected normal, blackhole, reset or latency)");
        }
    }
}

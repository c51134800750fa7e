package dev.borealis.cluster;

/** Monotonic time source in nanoseconds; injectable so tests and simulations control time. */
@FunctionalInterface
public interface Ticker {
    long nanos();

    static Ticker system() {
        return System::nanoTime;
    }
}

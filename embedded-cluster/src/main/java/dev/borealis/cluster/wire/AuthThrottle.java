package dev.borealis.cluster.wire;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Slows down password guessing from one address, as MySQL's connection_control plugin does: after
 * {@link WireLimits.AuthFailureDelay#threshold()} consecutive failed logins every further attempt from that address
 * waits before its credentials are checked, the wait doubling per failure up to the cap. The wait comes before the
 * check, so a client cannot learn a guess was wrong by hanging up early. A successful login clears the address.
 * The table is bounded: past {@link #MAX_ADDRESSES} addresses it is cleared rather than grown.
 */
public final class AuthThrottle {

    static final int MAX_ADDRESSES = 10_000;
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final WireLimits.AuthFailureDelay policy;
    private final ConcurrentHashMap<String, Integer> failures = new ConcurrentHashMap<>();

    public AuthThrottle(WireLimits.AuthFailureDelay policy) {
        this.policy = policy;
    }

    /** The wait the next attempt from {@code address} gets. */
    public Duration delayFor(String address) {
        int n = failures.getOrDefault(host(address), 0);
        if (n < policy.threshold()) {
            return Duration.ZERO;
        }
        int doublings = Math.min(n - policy.threshold(), 30);
        long millis = Math.min(policy.max().toMillis(), policy.initial().toMillis() << doublings);
        return Duration.ofMillis(millis);
    }

    /**
     * Waits out {@code address}'s delay; returns early when {@code gone} says the client has gone (its socket was
     * closed), so a closing server is not held up by a throttled client.
     */
    public void await(String address, BooleanSupplier gone) throws InterruptedIOException {
        long deadline = System.nanoTime() + delayFor(address).toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0 && !gone.getAsBoolean()) {
            LockSupport.parkNanos(Math.min(left, SLICE_NANOS));
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while delaying a login from " + host(address));
            }
        }
    }

    public void failed(String address) {
        if (failures.size() >= MAX_ADDRESSES) {
            failures.clear();
        }
        failures.merge(host(address), 1, (a, b) -> a == Integer.MAX_VALUE ? a : a + b);
    }

    public void succeeded(String address) {
        failures.remove(host(address));
    }

    /** {@code 127.0.0.1:53412} → {@code 127.0.0.1}: the port changes with every attempt, the host does not. */
    static String host(String address) {
        if (address == null) {
            return "";
        }
        int colon = address.lastIndexOf(':');
        return colon > 0 ? address.substring(0, colon) : address;
    }
}

package dev.borealis.cluster.wire;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts a frontend's open connections per instance so that {@code max_connections} holds. A slot is taken before
 * the handshake (as mysqld and the postmaster count a connection from accept) and given back when it ends; an
 * instance with no open connection has no entry, so nothing grows with the instances a frontend has seen.
 */
public final class ConnectionSlots {

    private final ConcurrentHashMap<Object, Integer> open = new ConcurrentHashMap<>();

    /** One taken slot; closing it (once, idempotent) frees it. */
    public final class Slot implements AutoCloseable {
        private final Object instance;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(Object instance) {
            this.instance = instance;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                open.computeIfPresent(instance, (key, n) -> n <= 1 ? null : n - 1);
            }
        }
    }

    /** A slot on {@code instance}, or null when it already has {@code max} open connections. */
    public Slot tryAcquire(Object instance, int max) {
        boolean[] taken = new boolean[1];
        open.compute(instance, (key, n) -> {
            int current = n == null ? 0 : n;
            if (current >= max) {
                return n;
            }
            taken[0] = true;
            return current + 1;
        });
        return taken[0] ? new Slot(instance) : null;
    }

    /** Open connections on {@code instance} (for status output and tests). */
    public int open(Object instance) {
        return open.getOrDefault(instance, 0);
    }
}

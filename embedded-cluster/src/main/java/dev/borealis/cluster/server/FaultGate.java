package dev.borealis.cluster.server;

import java.io.IOException;
import java.net.SocketException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * One instance's current network mode, which every byte to and from its clients passes through.
 * Blocked threads wake when the mode changes or when their connection closes ({@link #wakeAll()}).
 */
final class FaultGate {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile NetworkFault mode = NetworkFault.NORMAL;

    NetworkFault mode() {
        return mode;
    }

    void set(NetworkFault newMode) {
        lock.lock();
        try {
            mode = newMode;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void wakeAll() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Lets one read result or one write through: waits while the instance is blackholed and, for
     * writes, for the added latency. Throws once the connection is closed.
     */
    void pass(boolean write, BooleanSupplier closed) throws IOException {
        NetworkFault current = mode;
        if (current instanceof NetworkFault.Normal && !closed.getAsBoolean()) {
            return;
        }
        lock.lock();
        try {
            while (mode instanceof NetworkFault.Blackhole && !closed.getAsBoolean()) {
                changed.awaitUninterruptibly();
            }
            if (write && mode instanceof NetworkFault.Latency latency) {
                long left = latency.delay().toNanos();
                while (left > 0 && !closed.getAsBoolean()) {
                    left = awaitNanos(left);
                }
            }
            if (closed.getAsBoolean()) {
                throw new SocketException("connection closed");
            }
        } finally {
            lock.unlock();
        }
    }

    private long awaitNanos(long nanos) {
        long start = System.nanoTime();
        try {
            changed.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        return nanos - (System.nanoTime() - start);
    }
}

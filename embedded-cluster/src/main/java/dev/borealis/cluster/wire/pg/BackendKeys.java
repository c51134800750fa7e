package dev.borealis.cluster.wire.pg;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Process ids and secret keys handed out in BackendKeyData, so a CancelRequest arriving on another
 * socket finds the connection to cancel. One registry per JVM: a CancelRequest carries nothing else
 * to find its cluster by, and ids are drawn at random so clusters do not collide.
 */
final class BackendKeys {

    record Key(int pid, int secret) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<Integer, Entry> BY_PID = new ConcurrentHashMap<>();

    private record Entry(int secret, Runnable cancel) {
    }

    private BackendKeys() {
    }

    static Key register(Runnable cancel) {
        while (true) {
            int pid = 1000 + RANDOM.nextInt(Integer.MAX_VALUE - 1000);
            int secret = RANDOM.nextInt();
            if (BY_PID.putIfAbsent(pid, new Entry(secret, cancel)) == null) {
                return new Key(pid, secret);
            }
        }
    }

    static void unregister(Key key) {
        if (key != null) {
            BY_PID.remove(key.pid());
        }
    }

    /** Cancels when pid and secret match; silently ignores anything else, as PostgreSQL does. */
    static boolean cancel(int pid, int secret) {
        Entry e = BY_PID.get(pid);
        if (e == null || e.secret() != secret) {
            return false;
        }
        e.cancel().run();
        return true;
    }

    static int size() {
        return BY_PID.size();
    }
}

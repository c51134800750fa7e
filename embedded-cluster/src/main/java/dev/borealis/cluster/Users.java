package dev.borealis.cluster;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cluster's database users. Passwords can change at runtime (a simulated secret rotation); they
 * are never logged and never part of {@link #toString()}.
 */
public final class Users {

    private final Map<String, String> passwords = new ConcurrentHashMap<>();

    Users(Map<String, String> initial) {
        passwords.putAll(initial);
    }

    /** The user's current password, for the wire frontends' authentication exchanges. */
    public Optional<String> password(String user) {
        return Optional.ofNullable(user == null ? null : passwords.get(user));
    }

    public void setPassword(String user, String password) {
        if (user == null || user.isEmpty() || password == null) {
            throw new IllegalArgumentException("user and password are required");
        }
        passwords.put(user, password);
    }

    public Set<String> names() {
        return Set.copyOf(passwords.keySet());
    }

    @Override
    public String toString() {
        return "Users" + names();
    }
}

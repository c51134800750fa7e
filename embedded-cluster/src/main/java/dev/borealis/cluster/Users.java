package dev.borealis.cluster;

import dev.borealis.cluster.auth.IamAuth;

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
    /** Users that log in with an RDS IAM token instead of a password (RDS: IDENTIFIED WITH AWSAuthenticationPlugin). */
    private final Set<String> iamUsers = ConcurrentHashMap.newKeySet();
    private volatile IamAuth iam;

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
        Set<String> all = new java.util.TreeSet<>(passwords.keySet());
        all.addAll(iamUsers);
        return Set.copyOf(all);
    }

    /**
     * Turns on IAM authentication with these verification settings, also at runtime (usually set with
     * {@link ClusterBuilder#iamAuth}).
     */
    public void configureIam(IamAuth auth) {
        this.iam = auth;
    }

    /** The IAM token verifier, when the cluster runs in IAM mode. */
    public Optional<IamAuth> iam() {
        return Optional.ofNullable(iam);
    }

    /**
     * Makes {@code user} an IAM user: from now on it logs in only with a valid IAM token, sent in clear text over
     * TLS ({@code mysql_clear_password}, PostgreSQL's cleartext password), as on RDS.
     */
    public void enableIam(String user) {
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("user: a user name is required");
        }
        if (iam == null) {
            throw new IllegalStateException("IAM authentication is off for this cluster: start it with "
                    + "ClusterBuilder.iamAuth(accessKeyId, secretAccessKey, region) to enable IAM users");
        }
        iamUsers.add(user);
    }

    /** Whether {@code user} logs in with an IAM token (only when the cluster is in IAM mode). */
    public boolean isIamUser(String user) {
        return user != null && iam != null && iamUsers.contains(user);
    }

    @Override
    public String toString() {
        return "Users" + names();
    }
}

package dev.borealis.cluster.wire.mysql;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.ClusterListener;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;

/**
 * What the MySQL frontend keeps per cluster: the RSA key pair of the caching_sha2_password key
 * exchange, the cache of successful full authentications (which enables the fast path, as in
 * mysqld), and the registry of live connections that {@code KILL} and {@code SHOW PROCESSLIST} use.
 */
final class ServerState {

    private final Map<String, byte[]> authCache = new ConcurrentHashMap<>();
    private final Map<Integer, MySqlConnection> connections = new ConcurrentHashMap<>();
    private final long startedMillis = System.currentTimeMillis();

    /** Listens to the cluster so that a crashed, demoted or removed instance's clients see their socket close. */
    ServerState(Cluster cluster) {
        cluster.addListener(new ClusterListener() {
            @Override
            public void instanceDown(String instanceId) {
                for (MySqlConnection c : connections()) {
                    if (c.instance().id().equals(instanceId)) {
                        c.kill();
                    }
                }
            }
        });
    }

    /**
     * The RSA key pair, made once per JVM on first use: generating 2048-bit keys costs up to seconds on
     * a busy machine, and many clusters start and stop in one test run (mysqld also makes it once).
     */
    private static final class Rsa {
        static final KeyPair KEYS = generate();

        private static KeyPair generate() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot generate the RSA key pair for caching_sha2_password", e);
            }
        }
    }

    long startedMillis() {
        return startedMillis;
    }

    String publicKeyPem() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(Rsa.KEYS.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    /** Decrypts the client's RSA-OAEP-encrypted (password XOR scramble); null when it is not decryptable. */
    byte[] rsaDecrypt(byte[] encrypted) {
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
            cipher.init(Cipher.DECRYPT_MODE, Rsa.KEYS.getPrivate());
            return cipher.doFinal(encrypted);
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    boolean cached(String user, String password) {
        byte[] digest = authCache.get(user);
        return digest != null && MessageDigest.isEqual(digest, Scrambles.cacheDigest(password));
    }

    void remember(String user, String password) {
        authCache.put(user, Scrambles.cacheDigest(password));
    }

    void register(MySqlConnection connection) {
        connections.put(connection.id(), connection);
    }

    void unregister(MySqlConnection connection) {
        connections.remove(connection.id(), connection);
    }

    MySqlConnection connection(int id) {
        return connections.get(id);
    }

    Collection<MySqlConnection> connections() {
        return List.copyOf(connections.values());
    }
}

package dev.borealis.cluster.wire.mysql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The challenge-response arithmetic of the two password plugins. Comparisons are constant-time and
 * nothing here logs or returns a password.
 */
final class Scrambles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Scrambles() {
    }

    /** 20 printable, non-NUL bytes, as mysqld sends. */
    static byte[] newScramble() {
        byte[] b = new byte[20];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (33 + RANDOM.nextInt(94));
        }
        return b;
    }

    /** mysql_native_password: SHA1(pw) XOR SHA1(scramble + SHA1(SHA1(pw))). */
    static boolean nativeMatches(String password, byte[] scramble, byte[] response) {
        if (password.isEmpty()) {
            return response.length == 0;
        }
        byte[] stage1 = digest("SHA-1", password.getBytes(StandardCharsets.UTF_8));
        byte[] stage2 = digest("SHA-1", stage1);
        byte[] mix = digest("SHA-1", scramble, stage2);
        return MessageDigest.isEqual(xor(stage1, mix), response);
    }

    /** caching_sha2_password fast path: SHA256(pw) XOR SHA256(SHA256(SHA256(pw)) + scramble). */
    static boolean sha2Matches(String password, byte[] scramble, byte[] response) {
        if (password.isEmpty()) {
            return response.length == 0;
        }
        byte[] stage1 = digest("SHA-256", password.getBytes(StandardCharsets.UTF_8));
        byte[] stage2 = digest("SHA-256", stage1);
        byte[] mix = digest("SHA-256", stage2, scramble);
        return MessageDigest.isEqual(xor(stage1, mix), response);
    }

    /** What the per-server cache keeps for a user: a digest that does not reveal the password. */
    static byte[] cacheDigest(String password) {
        return digest("SHA-256", digest("SHA-256", password.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i % b.length]);
        }
        return out;
    }

    static byte[] digest(String algorithm, byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available in this JVM", e);
        }
    }
}

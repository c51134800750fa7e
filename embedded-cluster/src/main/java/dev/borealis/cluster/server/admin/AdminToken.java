package dev.borealis.cluster.server.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * The bearer token every admin API request must carry. Generated tokens are 256 random bits, URL-safe
 * base64 without padding (43 characters). The value is only ever handed out by {@link #value()}; it is
 * never in {@link #toString()}, a log record or an error message.
 */
public final class AdminToken {

    /** 128 bits in URL-safe base64 need 22 characters; shorter tokens are guessable and refused. */
    static final int MIN_LENGTH = 22;
    private static final int MAX_LENGTH = 512;
    private static final int GENERATED_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;
    private final byte[] digest;

    private AdminToken(String value) {
        this.value = value;
        this.digest = sha256(value);
    }

    /** A fresh random token. */
    public static AdminToken generate() {
        byte[] bytes = new byte[GENERATED_BYTES];
        RANDOM.nextBytes(bytes);
        return new AdminToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /**
     * A token chosen by the caller (e.g. {@code --admin-token}): {@value #MIN_LENGTH}..512 characters of
     * the URL-safe alphabet {@code A-Z a-z 0-9 - _ . ~}, so that it survives a header and a shell unquoted.
     * The message of the exception never repeats the value.
     */
    public static AdminToken of(String value) {
        Objects.requireNonNull(value, "admin token");
        if (value.length() < MIN_LENGTH || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("admin token: " + value.length() + " characters, expected "
                    + MIN_LENGTH + ".." + MAX_LENGTH + " (at least 128 bits of URL-safe base64)");
        }
        if (!value.chars().allMatch(AdminToken::urlSafe)) {
            throw new IllegalArgumentException("admin token: only A-Z, a-z, 0-9, '-', '_', '.' and '~' are allowed");
        }
        return new AdminToken(value);
    }

    private static boolean urlSafe(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    /** The secret itself, for the READY line, the token file and the {@code Authorization} header. */
    public String value() {
        return value;
    }

    /** {@code Bearer TOKEN}, the value of an {@code Authorization} header. */
    public String bearer() {
        return "Bearer " + value;
    }

    /**
     * Whether {@code presented} is this token. Both sides are hashed first so that the comparison takes
     * the same time whatever the presented value's length or the position of its first wrong character.
     */
    boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "AdminToken[redacted]";
    }
}

package dev.borealis.cluster.wire.pg;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The server side of one SCRAM-SHA-256 exchange (RFC 5802/7677) without channel binding:
 * client-first → server-first → client-final (proof checked) → server-final. States: NEW →
 * CHALLENGED → DONE; any malformed message fails the exchange.
 */
final class ScramServer {

    static final String MECHANISM = "SCRAM-SHA-256";
    private static final int ITERATIONS = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String password;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;
    private byte[] saltedPassword;
    private String gs2Header;

    ScramServer(String password) {
        this.password = password;
    }

    /** Handles client-first-message; returns server-first-message. */
    String first(String clientFirst) throws PgProtocolException {
        if (!clientFirst.startsWith("n,") && !clientFirst.startsWith("y,")) {
            throw new PgProtocolException("SCRAM: channel binding is not supported (client-first-message starts with '"
                    + (clientFirst.isEmpty() ? "" : clientFirst.substring(0, 1)) + "')");
        }
        int bare = clientFirst.indexOf(',', 2);
        if (bare < 0) {
            throw new PgProtocolException("SCRAM: malformed client-first-message");
        }
        gs2Header = clientFirst.substring(0, bare + 1);
        clientFirstBare = clientFirst.substring(bare + 1);
        String clientNonce = attribute(clientFirstBare, 'r');
        byte[] serverNonce = new byte[18];
        RANDOM.nextBytes(serverNonce);
        nonce = clientNonce + Base64.getEncoder().encodeToString(serverNonce);
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        saltedPassword = hi(password, salt);
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + ITERATIONS;
        return serverFirst;
    }

    /** Checks client-final-message; returns server-final-message, or null when the proof is wrong. */
    String last(String clientFinal) throws PgProtocolException {
        if (serverFirst == null) {
            throw new PgProtocolException("SCRAM: client-final-message before client-first-message");
        }
        int proofAt = clientFinal.lastIndexOf(",p=");
        if (proofAt < 0) {
            throw new PgProtocolException("SCRAM: client-final-message has no proof");
        }
        String withoutProof = clientFinal.substring(0, proofAt);
        String channel = attribute(withoutProof, 'c');
        if (!channel.equals(Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8)))) {
            throw new PgProtocolException("SCRAM: channel binding data does not match the GS2 header");
        }
        if (!nonce.equals(attribute(withoutProof, 'r'))) {
            throw new PgProtocolException("SCRAM: nonce mismatch");
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
        } catch (IllegalArgumentException e) {
            throw new PgProtocolException("SCRAM: proof is not valid base64");
        }
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] clientKey = hmac(saltedPassword, "Client Key");
        byte[] storedKey = sha256(clientKey);
        byte[] signature = hmac(storedKey, authMessage);
        if (proof.length != signature.length) {
            return null;
        }
        byte[] recovered = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            recovered[i] = (byte) (proof[i] ^ signature[i]);
        }
        if (!MessageDigest.isEqual(sha256(recovered), storedKey)) {
            return null;
        }
        byte[] serverKey = hmac(saltedPassword, "Server Key");
        return "v=" + Base64.getEncoder().encodeToString(hmac(serverKey, authMessage));
    }

    private static String attribute(String message, char name) throws PgProtocolException {
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(0) == name && part.charAt(1) == '=') {
                return part.substring(2);
            }
        }
        throw new PgProtocolException("SCRAM: attribute '" + name + "' missing");
    }

    private static byte[] hi(String password, byte[] salt) {
        try {
            SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            return f.generateSecret(new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}

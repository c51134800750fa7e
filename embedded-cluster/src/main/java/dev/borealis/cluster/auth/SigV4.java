package dev.borealis.cluster.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The arithmetic of AWS Signature Version 4 for a presigned GET (query-string authentication): canonical request,
 * string to sign, signing key, signature. Only what RDS IAM tokens use: path {@code /}, one signed header
 * ({@code host}), an empty payload.
 */
final class SigV4 {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String SIGNATURE = "X-Amz-Signature";
    private static final String EMPTY_SHA256 = hex(sha256(new byte[0]));

    private SigV4() {
    }

    /** The hex signature of a presigned GET of {@code /} on {@code hostHeader} with {@code query} (sorted). */
    static String signature(String secretKey, String date, String region, String service, String amzDate,
                            String hostHeader, Map<String, String> query) {
        String canonical = canonicalRequest(hostHeader, query);
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String toSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = signingKey(secretKey, date, region, service);
        return hex(hmac(key, toSign));
    }

    static String canonicalRequest(String hostHeader, Map<String, String> sortedQuery) {
        StringBuilder q = new StringBuilder();
        for (Map.Entry<String, String> e : sortedQuery.entrySet()) {
            if (e.getKey().equals(SIGNATURE)) {
                continue;
            }
            q.append(q.length() == 0 ? "" : "&").append(encode(e.getKey())).append('=').append(encode(e.getValue()));
        }
        // header names are lower-cased, values only trimmed (SigV4's canonical headers)
        return "GET\n/\n" + q + "\nhost:" + hostHeader.trim() + "\n\nhost\n" + EMPTY_SHA256;
    }

    static byte[] signingKey(String secretKey, String date, String region, String service) {
        byte[] k = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        k = hmac(k, region);
        k = hmac(k, service);
        return hmac(k, "aws4_request");
    }

    /** RFC 3986 percent-encoding as SigV4 wants it: unreserved characters stay, everything else is %XX. */
    static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            }
        }
        return out.toString();
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}

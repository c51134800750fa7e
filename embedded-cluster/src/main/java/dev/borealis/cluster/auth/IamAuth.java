package dev.borealis.cluster.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Verifies RDS IAM authentication tokens as RDS does: the SigV4 signature recomputed with the configured test
 * credentials (service {@code rds-db}), the access key and region in the credential scope, the user, the endpoint
 * the client connected to, and the expiry against the cluster's clock. The secret key is never printed.
 */
public final class IamAuth {

    /** RDS refuses tokens that ask for more than 15 minutes. */
    public static final Duration MAX_VALIDITY = Duration.ofMinutes(15);
    /** How far ahead of the cluster's clock a token's signing time may be (clock skew), as AWS allows. */
    static final Duration MAX_SKEW = Duration.ofMinutes(5);
    static final String SERVICE = "rds-db";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");

    private final String accessKeyId;
    private final String secretAccessKey;
    private final String region;
    private final Clock clock;

    /**
     * @param accessKeyId     the access key id clients sign with (as in {@code aws.accessKeyId})
     * @param secretAccessKey its secret
     * @param region          the cluster's region, e.g. {@code us-east-1}
     * @param clock           the cluster's clock, for expiry
     */
    public IamAuth(String accessKeyId, String secretAccessKey, String region, Clock clock) {
        if (accessKeyId == null || accessKeyId.isBlank()) {
            throw new IllegalArgumentException("iam access key id: a non-empty value is required");
        }
        if (secretAccessKey == null || secretAccessKey.isEmpty()) {
            throw new IllegalArgumentException("iam secret access key: a non-empty value is required");
        }
        if (region == null || !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("iam region: '" + region + "' is invalid (an AWS region such as us-east-1)");
        }
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.region = region;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String region() {
        return region;
    }

    /**
     * Checks {@code token} for {@code user} connecting on {@code port} to an address known by {@code endpointNames}
     * (the IP and the DNS names that resolve to it); throws {@link IamAuthException} with the reason when it is
     * not acceptable. The reason never contains the token.
     */
    public void verify(String token, String user, Set<String> endpointNames, int port) {
        IamToken t = IamToken.parse(token);
        expect(t, "Action", "connect");
        if (!Objects.equals(t.require("DBUser"), user)) {
            throw new IamAuthException("token was issued for another database user");
        }
        expect(t, "X-Amz-Algorithm", SigV4.ALGORITHM);
        expect(t, "X-Amz-SignedHeaders", "host");
        String date = checkCredential(t.require("X-Amz-Credential"));
        Instant signedAt = signedAt(t.require("X-Amz-Date"), date);
        checkExpiry(signedAt, t.require("X-Amz-Expires"));
        checkEndpoint(t, endpointNames, port);
        String expected = SigV4.signature(secretAccessKey, date, region, SERVICE, t.require("X-Amz-Date"),
                t.hostHeader(), t.query());
        byte[] given = t.require(SigV4.SIGNATURE).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given)) {
            throw new IamAuthException("signature does not match (token altered, or signed with another secret key)");
        }
    }

    private static void expect(IamToken t, String name, String value) {
        if (!value.equals(t.require(name))) {
            throw new IamAuthException(name + " must be " + value);
        }
    }

    /** {@code AKID/yyyymmdd/region/rds-db/aws4_request}; returns the date. */
    private String checkCredential(String credential) {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5 || !"aws4_request".equals(parts[4])) {
            throw new IamAuthException("X-Amz-Credential is not AKID/date/region/service/aws4_request");
        }
        if (!accessKeyId.equals(parts[0])) {
            throw new IamAuthException("unknown access key id");
        }
        if (!region.equals(parts[2])) {
            throw new IamAuthException("token is for region " + parts[2] + ", the cluster is in " + region);
        }
        if (!SERVICE.equals(parts[3])) {
            throw new IamAuthException("token is for service " + parts[3] + ", not " + SERVICE);
        }
        return parts[1];
    }

    private static Instant signedAt(String amzDate, String scopeDate) {
        if (!amzDate.startsWith(scopeDate)) {
            throw new IamAuthException("X-Amz-Date is not on the credential scope's date " + scopeDate);
        }
        try {
            return LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IamAuthException("X-Amz-Date is not yyyyMMddTHHmmssZ");
        }
    }

    private void checkExpiry(Instant signedAt, String expiresRaw) {
        long seconds;
        try {
            seconds = Long.parseLong(expiresRaw);
        } catch (NumberFormatException e) {
            throw new IamAuthException("X-Amz-Expires is not a number");
        }
        if (seconds < 1 || seconds > MAX_VALIDITY.toSeconds()) {
            throw new IamAuthException("X-Amz-Expires " + seconds + " is outside 1.." + MAX_VALIDITY.toSeconds());
        }
        Instant now = clock.instant();
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            throw new IamAuthException("token signed at " + signedAt + ", in the future (cluster time " + now + ")");
        }
        Instant expiry = signedAt.plusSeconds(seconds);
        if (!now.isBefore(expiry)) {
            throw new IamAuthException("token expired at " + expiry + " (cluster time " + now + ")");
        }
    }

    private static void checkEndpoint(IamToken t, Set<String> endpointNames, int port) {
        if (t.port() != port) {
            throw new IamAuthException("token is for port " + t.port() + ", the client connected to port " + port);
        }
        String host = t.host().toLowerCase(Locale.ROOT);
        boolean known = endpointNames.stream().anyMatch(n -> n.equalsIgnoreCase(host));
        if (!known) {
            throw new IamAuthException("token is for host " + t.host() + ", which does not name the endpoint the"
                    + " client connected to " + endpointNames);
        }
    }

    @Override
    public String toString() {
        return "IamAuth[accessKeyId=" + accessKeyId + ", region=" + region + "]";
    }
}

package dev.borealis.cluster.auth;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the verifier accepts and why it refuses. Tokens are signed here with {@link SigV4}; that the AWS SDK's
 * tokens verify is shown end to end by the driver modules' credentials tests.
 */
class IamAuthTest {

    private static final String AKID = "AKIDEXAMPLE000000001";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String HOST = "db-1.abc123.us-east-1.rds.example.test";
    private static final int PORT = 3306;
    private static final Instant NOW = Instant.parse("2026-05-04T10:20:30Z");
    private static final Set<String> NAMES = Set.of(HOST, "127.1.2.3");

    private final IamAuth auth = new IamAuth(AKID, SECRET, "us-east-1", Clock.fixed(NOW, ZoneOffset.UTC));

    /** A token as RDS clients build it: host:port/?query with the signature appended. */
    static String token(String host, int port, String user, String akid, String secret, String region,
                        Instant signedAt, long expires) {
        String amzDate = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(signedAt);
        String date = amzDate.substring(0, 8);
        Map<String, String> query = new TreeMap<>();
        query.put("Action", "connect");
        query.put("DBUser", user);
        query.put("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
        query.put("X-Amz-Credential", akid + "/" + date + "/" + region + "/rds-db/aws4_request");
        query.put("X-Amz-Date", amzDate);
        query.put("X-Amz-Expires", Long.toString(expires));
        query.put("X-Amz-SignedHeaders", "host");
        String signature = SigV4.signature(secret, date, region, "rds-db", amzDate, host + ":" + port, query);
        StringBuilder sb = new StringBuilder(host + ":" + port + "/?");
        query.forEach((k, v) -> sb.append(SigV4.encode(k)).append('=').append(SigV4.encode(v)).append('&'));
        return sb.append("X-Amz-Signature=").append(signature).toString();
    }

    private static String valid(Instant signedAt) {
        return token(HOST, PORT, "app", AKID, SECRET, "us-east-1", signedAt, 900);
    }

    @Test
    void aFreshTokenForThisEndpointAndUserIsAccepted() {
        assertThatCode(() -> auth.verify(valid(NOW.minusSeconds(60)), "app", NAMES, PORT)).doesNotThrowAnyException();
    }

    @Test
    void aTokenPastItsExpiryIsRefused() {
        assertThatThrownBy(() -> auth.verify(valid(NOW.minus(Duration.ofMinutes(15))), "app", NAMES, PORT))
                .isInstanceOf(IamAuthException.class).hasMessageContaining("expired");
    }

    @Test
    void aTokenSignedInTheFutureIsRefused() {
        assertThatThrownBy(() -> auth.verify(valid(NOW.plus(Duration.ofMinutes(10))), "app", NAMES, PORT))
                .hasMessageContaining("in the future");
    }

    @Test
    void anAlteredTokenIsRefused() {
        String token = valid(NOW).replace("DBUser=app", "DBUser=app&X-Extra=1");
        assertThatThrownBy(() -> auth.verify(token, "app", NAMES, PORT)).hasMessageContaining("signature does not match");
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        String token = token(HOST, PORT, "app", AKID, "another-secret", "us-east-1", NOW, 900);
        assertThatThrownBy(() -> auth.verify(token, "app", NAMES, PORT)).hasMessageContaining("signature does not match");
    }

    @Test
    void aTokenForAnotherUserHostPortKeyOrRegionIsRefused() {
        assertThatThrownBy(() -> auth.verify(valid(NOW), "admin", NAMES, PORT)).hasMessageContaining("another database user");
        assertThatThrownBy(() -> auth.verify(valid(NOW), "app", Set.of("other.example.test"), PORT))
                .hasMessageContaining("does not name the endpoint");
        assertThatThrownBy(() -> auth.verify(valid(NOW), "app", NAMES, 3307)).hasMessageContaining("port 3306");
        assertThatThrownBy(() -> auth.verify(token(HOST, PORT, "app", "AKIDOTHER", SECRET, "us-east-1", NOW, 900), "app",
                NAMES, PORT)).hasMessageContaining("unknown access key id");
        assertThatThrownBy(() -> auth.verify(token(HOST, PORT, "app", AKID, SECRET, "eu-west-1", NOW, 900), "app",
                NAMES, PORT)).hasMessageContaining("region eu-west-1");
    }

    @Test
    void aValidityLongerThanFifteenMinutesIsRefused() {
        String token = token(HOST, PORT, "app", AKID, SECRET, "us-east-1", NOW, 3600);
        assertThatThrownBy(() -> auth.verify(token, "app", NAMES, PORT)).hasMessageContaining("X-Amz-Expires 3600");
    }

    @Test
    void garbageIsRefusedWithAReasonThatDoesNotQuoteIt() {
        for (String garbage : new String[] {"", "hunter2", "host/?x=1", "h:1/?Action=connect&Action=connect"}) {
            assertThatThrownBy(() -> auth.verify(garbage, "app", NAMES, PORT)).isInstanceOf(IamAuthException.class)
                    .satisfies(e -> assertThat(garbage.isEmpty() || !e.getMessage().contains(garbage)).isTrue());
        }
    }

    @Test
    void theVerifierNeverPrintsItsSecret() {
        assertThat(auth.toString()).contains(AKID).doesNotContain(SECRET);
        assertThat(IamToken.parse(valid(NOW)).toString()).doesNotContain("Signature");
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new IamAuth("", SECRET, "us-east-1", Clock.systemUTC()))
                .hasMessageContaining("iam access key id");
        assertThatThrownBy(() -> new IamAuth(AKID, SECRET, "mars", Clock.systemUTC()))
                .hasMessageContaining("iam region: 'mars'");
    }
}

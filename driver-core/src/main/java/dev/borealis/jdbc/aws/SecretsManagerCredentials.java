package dev.borealis.jdbc.aws;

import dev.borealis.jdbc.config.BorealisConfig;
import dev.borealis.jdbc.spi.HostSpec;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * User and password from a Secrets Manager secret, shared by every connection of the JVM that names the same
 * secret: fetched once per {@code secretsManagerExpirationSec}, and at once after an authentication failure (a
 * rotation).
 */
final class SecretsManagerCredentials implements RefreshableCredentials {

  static final SharedCache<SecretRef, DbCredentials> CACHE = new SharedCache<>();
  /** Connections waiting for another's fetch allow for the SDK's own retries on top of the call timeout. */
  private static final long WAIT_SLACK_MS = 5_000;

  private final SecretRef ref;
  private final Duration ttl;
  private final long timeoutMs;
  private final SecretFetcher fetcher;
  private final SharedCache<SecretRef, DbCredentials> cache;

  SecretsManagerCredentials(SecretRef ref, Duration ttl, long timeoutMs, SecretFetcher fetcher,
      SharedCache<SecretRef, DbCredentials> cache) {
    this.ref = ref;
    this.ttl = ttl;
    this.timeoutMs = timeoutMs;
    this.fetcher = fetcher;
    this.cache = cache;
  }

  /** Reads and checks the plugin's properties; the secret is fetched on the first connect. */
  static SecretsManagerCredentials of(BorealisConfig config, SecretFetcher fetcher,
      SharedCache<SecretRef, DbCredentials> cache) throws SQLException {
    if (!config.isSet(AwsProperties.SECRET_ID)) {
      throw new SQLException("plugin 'awsSecretsManager' needs property '" + AwsProperties.SECRET_ID.name()
          + "' (the secret's name or ARN)", "HY024");
    }
    String id = config.get(AwsProperties.SECRET_ID);
    String region = config.isSet(AwsProperties.SECRET_REGION) ? config.get(AwsProperties.SECRET_REGION)
        : regionOfArn(id);
    if (region == null) {
      throw new SQLException("plugin 'awsSecretsManager': secret '" + id + "' is not an ARN, so property '"
          + AwsProperties.SECRET_REGION.name() + "' must name its region", "HY024");
    }
    SecretRef ref = new SecretRef(id, region, config.get(AwsProperties.SECRET_ENDPOINT));
    return new SecretsManagerCredentials(ref, Duration.ofSeconds(config.get(AwsProperties.SECRET_EXPIRATION_SEC)),
        config.get(AwsProperties.SECRET_TIMEOUT_MS), fetcher, cache);
  }

  /** {@code arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME}; null for a plain name. */
  static String regionOfArn(String id) {
    String[] parts = id.split(":", 7);
    boolean arn = parts.length == 7 && parts[0].equals("arn") && parts[2].equals("secretsmanager");
    return arn && parts[3].matches(AwsProperties.REGION_PATTERN) ? parts[3] : null;
  }

  DbCredentials current() throws SQLException {
    return cache.get(ref, ttl, timeoutMs + WAIT_SLACK_MS, () -> fetcher.fetch(ref, timeoutMs));
  }

  @Override
  public void apply(HostSpec host, Properties targetProperties) throws SQLException {
    DbCredentials c = current();
    targetProperties.setProperty("user", c.user());
    targetProperties.setProperty("password", c.password());
  }

  @Override
  public Object inUse(HostSpec host) throws SQLException {
    return current();
  }

  @Override
  public void refresh(HostSpec host, Object stale) {
    if (stale instanceof DbCredentials c) {
      cache.invalidate(ref, c);
    }
  }

  @Override
  public String describe(HostSpec host) {
    return ref.toString();
  }

  @Override
  public String toString() {
    return "awsSecretsManager[" + ref + "]";
  }
}

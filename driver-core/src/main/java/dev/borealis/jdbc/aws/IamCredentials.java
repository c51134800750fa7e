package dev.borealis.jdbc.aws;

import dev.borealis.jdbc.config.BorealisConfig;
import dev.borealis.jdbc.spi.HostSpec;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RDS IAM authentication tokens as the password: one per host, port, user and region, signed when first needed and
 * reused for {@code iamExpiration} seconds (RDS accepts one for 15 minutes). Tokens travel in clear text, so the
 * connection must use TLS: unless the application chose, {@code sslMode=REQUIRED} (MySQL) or {@code sslmode=require}
 * (PostgreSQL) is set.
 */
final class IamCredentials implements RefreshableCredentials {

  /** The cache key; its text names the token's scope, never the token. */
  record TokenKey(String host, int port, String user, String region) {
    @Override
    public String toString() {
      return "IAM token for user '" + user + "' at " + host + ":" + port + " (region " + region + ")";
    }
  }

  static final SharedCache<TokenKey, String> CACHE = new SharedCache<>();
  /** Signing is local; waiting for another connection's signing is bounded only against a stuck credential chain. */
  private static final long WAIT_MS = 60_000;
  private static final Pattern RDS_HOST = Pattern.compile(
      ".*\\.(" + AwsProperties.REGION_PATTERN + ")\\.rds\\.amazonaws\\.com(\\.cn)?", Pattern.CASE_INSENSITIVE);

  private final String user;
  private final String region;
  private final String tokenHost;
  private final Duration ttl;
  private final String engineScheme;
  private final TokenGenerator generator;
  private final SharedCache<TokenKey, String> cache;

  IamCredentials(String user, String region, String tokenHost, Duration ttl, String engineScheme,
      TokenGenerator generator, SharedCache<TokenKey, String> cache) {
    this.user = user;
    this.region = region;
    this.tokenHost = tokenHost;
    this.ttl = ttl;
    this.engineScheme = engineScheme;
    this.generator = generator;
    this.cache = cache;
  }

  static IamCredentials of(BorealisConfig config, String engineScheme, TokenGenerator generator,
      SharedCache<TokenKey, String> cache) throws SQLException {
    String user = config.targetProperties().get("user");
    if (user == null || user.isEmpty()) {
      throw new SQLException("plugin 'iam' needs the database user: set property 'user' (or user@host in the URL)",
          "HY024");
    }
    return new IamCredentials(user, config.get(AwsProperties.IAM_REGION), config.get(AwsProperties.IAM_HOST),
        Duration.ofSeconds(config.get(AwsProperties.IAM_EXPIRATION_SEC)), engineScheme, generator, cache);
  }

  /** The region in an RDS hostname ({@code name.id.us-east-1.rds.amazonaws.com}), or null. */
  static String regionOfHost(String host) {
    Matcher m = RDS_HOST.matcher(host);
    return m.matches() ? m.group(1).toLowerCase(java.util.Locale.ROOT) : null;
  }

  TokenKey key(HostSpec host) throws SQLException {
    String h = tokenHost != null ? tokenHost : host.host();
    String r = region != null ? region : regionOfHost(h);
    if (r == null) {
      throw new SQLException("plugin 'iam': host '" + h + "' is not an RDS hostname, so property '"
          + AwsProperties.IAM_REGION.name() + "' must name the region to sign tokens for", "HY024");
    }
    return new TokenKey(h, host.port(), user, r);
  }

  private String token(HostSpec host) throws SQLException {
    TokenKey k = key(host);
    return cache.get(k, ttl, WAIT_MS, () -> generator.generate(k.host(), k.port(), k.region(), k.user()));
  }

  @Override
  public void apply(HostSpec host, Properties targetProperties) throws SQLException {
    targetProperties.setProperty("user", user);
    targetProperties.setProperty("password", token(host));
    requireTls(targetProperties);
  }

  private void requireTls(Properties p) {
    if ("mysql".equals(engineScheme) && !p.containsKey("sslMode") && !p.containsKey("useSSL")) {
      p.setProperty("sslMode", "REQUIRED");
    } else if ("postgresql".equals(engineScheme) && !p.containsKey("sslmode") && !p.containsKey("ssl")) {
      p.setProperty("sslmode", "require");
    }
  }

  @Override
  public Object inUse(HostSpec host) throws SQLException {
    return token(host);
  }

  @Override
  public void refresh(HostSpec host, Object stale) {
    try {
      if (stale instanceof String s) {
        cache.invalidate(key(host), s);
      }
    } catch (SQLException e) {
      // no key, no token cached: nothing to drop
    }
  }

  @Override
  public String describe(HostSpec host) {
    try {
      return key(host).toString();
    } catch (SQLException e) {
      return "IAM token for user '" + user + "'";
    }
  }

  @Override
  public String toString() {
    return "iam[user=" + user + ", region=" + (region == null ? "from host" : region) + "]";
  }
}

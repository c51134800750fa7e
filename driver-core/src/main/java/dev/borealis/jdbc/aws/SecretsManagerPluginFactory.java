package dev.borealis.jdbc.aws;

import dev.borealis.jdbc.config.BorealisConfig;
import dev.borealis.jdbc.config.Property;
import dev.borealis.jdbc.spi.CredentialSource;
import dev.borealis.jdbc.spi.Plugin;
import dev.borealis.jdbc.spi.PluginContext;
import dev.borealis.jdbc.spi.PluginFactory;
import dev.borealis.jdbc.spi.PluginStage;
import dev.borealis.jdbc.spi.TargetEngine;
import java.sql.SQLException;
import java.util.List;

/**
 * Registers {@code awsSecretsManager}: the database user and password come from a Secrets Manager secret. Loads
 * without the AWS SDK; enabling the plugin without it fails the connect naming the missing artifact.
 */
public final class SecretsManagerPluginFactory implements PluginFactory {

  static final String CODE = "awsSecretsManager";
  static final String SDK_CLIENT = "software.amazon.awssdk.services.secretsmanager.SecretsManagerClient";
  static final String HTTP_CLIENT = "software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient";

  /** For tests: a fetcher that is not the SDK's; null means the SDK's. */
  private final SecretFetcher fetcher;
  private final SharedCache<SecretRef, DbCredentials> cache;

  public SecretsManagerPluginFactory() {
    this(null, SecretsManagerCredentials.CACHE);
  }

  SecretsManagerPluginFactory(SecretFetcher fetcher, SharedCache<SecretRef, DbCredentials> cache) {
    this.fetcher = fetcher;
    this.cache = cache;
  }

  @Override
  public String code() {
    return CODE;
  }

  @Override
  public PluginStage stage() {
    return PluginStage.AUTHENTICATION;
  }

  @Override
  public List<Property<?>> properties() {
    return AwsProperties.secretsManager();
  }

  @Override
  public CredentialSource credentials(BorealisConfig config, TargetEngine engine) throws SQLException {
    return source(config);
  }

  private SecretsManagerCredentials source(BorealisConfig config) throws SQLException {
    return SecretsManagerCredentials.of(config, fetcher(), cache);
  }

  private SecretFetcher fetcher() throws SQLException {
    if (fetcher != null) {
      return fetcher;
    }
    ClassLoader loader = SecretsManagerPluginFactory.class.getClassLoader();
    SdkCheck.require(CODE, "software.amazon.awssdk:secretsmanager", SDK_CLIENT, loader);
    SdkCheck.require(CODE, "software.amazon.awssdk:url-connection-client", HTTP_CLIENT, loader);
    return new SdkSecretFetcher();
  }

  @Override
  public Plugin create(PluginContext context) {
    return new CredentialsPlugin(CODE, () -> source(context.config()));
  }
}

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
 * Registers {@code iam}: RDS IAM database authentication, a signed token as the password. Loads without the AWS
 * SDK; enabling the plugin without it fails the connect naming the missing artifact.
 */
public final class IamPluginFactory implements PluginFactory {

  static final String CODE = "iam";
  static final String SDK_CLASS = "software.amazon.awssdk.services.rds.RdsUtilities";

  private final TokenGenerator generator;
  private final SharedCache<IamCredentials.TokenKey, String> cache;

  public IamPluginFactory() {
    this(null, IamCredentials.CACHE);
  }

  /** For tests: a generator that is not the SDK's; null means the SDK's. */
  IamPluginFactory(TokenGenerator generator, SharedCache<IamCredentials.TokenKey, String> cache) {
    this.generator = generator;
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
    return AwsProperties.iam();
  }

  @Override
  public CredentialSource credentials(BorealisConfig config, TargetEngine engine) throws SQLException {
    return IamCredentials.of(config, engine == null ? null : engine.scheme(), generator(), cache);
  }

  private TokenGenerator generator() throws SQLException {
    if (generator != null) {
      return generator;
    }
    SdkCheck.require(CODE, "software.amazon.awssdk:rds", SDK_CLASS, IamPluginFactory.class.getClassLoader());
    return new SdkTokenGenerator();
  }

  @Override
  public Plugin create(PluginContext context) {
    // the plugin only refreshes and describes: TLS defaults are core's business, so no engine is needed here
    return new CredentialsPlugin(CODE, () -> IamCredentials.of(context.config(), null, generator(), cache));
  }
}

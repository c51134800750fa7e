package dev.borealis.jdbc.aws;

import java.sql.SQLException;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsUtilities;

/**
 * Signs RDS IAM authentication tokens with the SDK's {@link RdsUtilities} (SigV4 presigning, no network call) and
 * credentials from the SDK's default provider chain ({@code aws.accessKeyId} / {@code aws.secretAccessKey} system
 * properties, {@code AWS_ACCESS_KEY_ID} …, profiles, container and instance roles).
 */
final class SdkTokenGenerator implements TokenGenerator {

  @Override
  public String generate(String host, int port, String region, String user) throws SQLException {
    // a chain per token (one per host and user every iamExpiration seconds), closed once the token is signed
    try (DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build()) {
      RdsUtilities rds = RdsUtilities.builder().region(Region.of(region)).credentialsProvider(credentials).build();
      return rds.generateAuthenticationToken(b -> b.hostname(host).port(port).username(user));
    } catch (SdkException | IllegalArgumentException e) {
      // credential-provider messages list the providers tried, never a key
      throw new SQLException("iam: cannot sign a token for user '" + user + "' at " + host + ":" + port + " (region "
          + region + "): " + e.getMessage(), "08001", e);
    }
  }
}

package dev.borealis.jdbc.aws;

import dev.borealis.jdbc.config.Property;
import java.util.List;

/** The AWS credentials plugins' properties; {@code docs/credentials-properties.md} is generated from here. */
public final class AwsProperties {

  static final String REGION_RULE = "an AWS region such as us-east-1";
  static final String REGION_PATTERN = "[a-z]{2}(-[a-z]+)+-[0-9]+";

  public static final Property<String> SECRET_ID = Property.string("secretsManagerSecretId", null,
      "The secret holding the database credentials (its name or ARN); a JSON object with `username` and "
          + "`password`. Required by `awsSecretsManager`.",
      "a secret name or ARN (no spaces)", "\\S+");

  public static final Property<String> SECRET_REGION = Property.string("secretsManagerRegion", null,
      "The secret's region. Unset: taken from the secret's ARN; a plain secret name needs this property.",
      REGION_RULE, REGION_PATTERN);

  public static final Property<String> SECRET_ENDPOINT = Property.string("secretsManagerEndpoint", null,
      "Overrides the Secrets Manager endpoint, e.g. a VPC endpoint or a local stand-in (`http://localhost:8080`). "
          + "Unset: the region's public endpoint.",
      "an http or https URL", "https?://[^\\s/?#]+(/[^\\s?#]*)?");

  public static final Property<Long> SECRET_EXPIRATION_SEC = Property.integer("secretsManagerExpirationSec", 870,
      1, 86_400, "How long a fetched secret is reused before it is fetched again, in seconds. An authentication "
          + "failure (a rotation) refreshes it at once.");

  public static final Property<Long> SECRET_TIMEOUT_MS = Property.integer("secretsManagerTimeoutMs", 10_000, 100,
      600_000, "How long one fetch of the secret may take, retries included, before the connect fails (08001).");

  public static final Property<String> IAM_REGION = Property.string("iamRegion", null,
      "The region the token is signed for. Unset: taken from an RDS hostname (`….us-east-1.rds.amazonaws.com`); "
          + "any other hostname needs this property.",
      REGION_RULE, REGION_PATTERN);

  public static final Property<String> IAM_HOST = Property.string("iamHost", null,
      "The hostname the token is signed for when it differs from the one connected to (e.g. connecting through an "
          + "IP address or a tunnel). Unset: each connection's own host.",
      "a hostname without spaces or port", "[^\\s:/]+");

  public static final Property<Long> IAM_EXPIRATION_SEC = Property.integer("iamExpiration", 870, 1, 900,
      "How long a generated token is reused, in seconds; RDS accepts a token for 900 s after it is signed, so "
          + "this stays a little below that.");

  private AwsProperties() {
  }

  static List<Property<?>> secretsManager() {
    return List.of(SECRET_ID, SECRET_REGION, SECRET_ENDPOINT, SECRET_EXPIRATION_SEC, SECRET_TIMEOUT_MS);
  }

  static List<Property<?>> iam() {
    return List.of(IAM_REGION, IAM_HOST, IAM_EXPIRATION_SEC);
  }
}

/**
 * Credentials from AWS: the {@code awsSecretsManager} plugin (user and password from a Secrets Manager secret) and
 * the {@code iam} plugin (RDS IAM authentication tokens). Both need the AWS SDK for Java v2, an optional dependency:
 * everything that touches the SDK sits behind {@link dev.borealis.jdbc.aws.SecretFetcher} and
 * {@link dev.borealis.jdbc.aws.TokenGenerator}, so the factories load (and list their properties) without it.
 */
package dev.borealis.jdbc.aws;

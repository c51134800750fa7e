package dev.borealis.jdbc.aws;

import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * Reads a secret with the SDK's Secrets Manager client over the JDK's HttpURLConnection (url-connection-client),
 * with credentials from the SDK's default provider chain. A client per fetch: fetches are rare (one per secret
 * per expiry, shared by all connections), and nothing stays open between them.
 */
final class SdkSecretFetcher implements SecretFetcher {

  @Override
  public DbCredentials fetch(SecretRef ref, long timeoutMs) throws SQLException {
    String json;
    try (SecretsManagerClient client = client(ref, timeoutMs)) {
      GetSecretValueResponse r = client.getSecretValue(b -> b.secretId(ref.secretId()));
      json = r.secretString();
    } catch (SdkException e) {
      throw failure(ref, timeoutMs, e);
    }
    return parse(ref, json);
  }

  private static SecretsManagerClient client(SecretRef ref, long timeoutMs) {
    Duration timeout = Duration.ofMillis(timeoutMs);
    SecretsManagerClientBuilder b = SecretsManagerClient.builder().region(Region.of(ref.region()))
        .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout))
        .overrideConfiguration(o -> o.apiCallTimeout(timeout));
    if (ref.endpoint() != null) {
      b.endpointOverride(URI.create(ref.endpoint()));
    }
    return b.build();
  }

  /**
   * The SDK's own messages are kept only where they cannot echo the response body (which holds the secret): the
   * service's status and error code, an I/O failure, a timeout.
   */
  private static SQLException failure(SecretRef ref, long timeoutMs, SdkException e) {
    String why;
    Throwable cause = null;
    if (e instanceof SdkServiceException s) {
      String code = s instanceof software.amazon.awssdk.awscore.exception.AwsServiceException a
          && a.awsErrorDetails() != null ? a.awsErrorDetails().errorCode() : null;
      why = "Secrets Manager answered HTTP " + s.statusCode() + (code == null ? "" : " " + code);
      cause = e;
    } else if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      why = "no answer within " + timeoutMs + " ms (secretsManagerTimeoutMs)";
    } else if (e instanceof SdkClientException && e.getCause() instanceof IOException io) {
      why = "I/O error: " + io;
      cause = io;
    } else {
      why = e.getClass().getSimpleName();
    }
    return new SQLException("awsSecretsManager: cannot read " + ref + ": " + why, "08001", cause);
  }

  static DbCredentials parse(SecretRef ref, String json) throws SQLException {
    if (json == null) {
      throw malformed(ref, "it has no SecretString (a binary secret?)");
    }
    Map<String, JsonNode> fields;
    try {
      JsonNode root = JsonNode.parser().parse(json);
      if (!root.isObject()) {
        throw malformed(ref, "it is not a JSON object");
      }
      fields = root.asObject();
    } catch (RuntimeException e) {
      // the parser's message may quote the text, which is the secret
      throw malformed(ref, "it is not valid JSON");
    }
    return new DbCredentials(field(ref, fields, "username"), field(ref, fields, "password"));
  }

  private static String field(SecretRef ref, Map<String, JsonNode> fields, String name) throws SQLException {
    Optional<JsonNode> node = Optional.ofNullable(fields.get(name));
    if (node.isEmpty() || !node.get().isString() || node.get().asString().isEmpty()) {
      throw malformed(ref, "it has no non-empty string field '" + name + "' (fields present: " + fields.keySet() + ")");
    }
    return node.get().asString();
  }

  private static SQLException malformed(SecretRef ref, String why) {
    return new SQLException("awsSecretsManager: " + ref + " cannot be used: " + why
        + "; expected a JSON object with 'username' and 'password'", "08001");
  }
}

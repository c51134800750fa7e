package dev.borealis.jdbc.aws;

import java.sql.SQLException;

/** The seam in front of the AWS SDK's Secrets Manager client: only {@link SdkSecretFetcher} touches the SDK. */
interface SecretFetcher {

  /**
   * Reads the secret's current {@code username} and {@code password}. Fails with SQLSTATE 08001 and a message
   * naming the secret id, never its value.
   */
  DbCredentials fetch(SecretRef ref, long timeoutMs) throws SQLException;
}

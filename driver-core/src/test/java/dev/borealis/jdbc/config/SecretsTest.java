package dev.borealis.jdbc.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one rule for which keys hold secrets; percent-encoded keys are decoded before it is applied. */
class SecretsTest {

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"password", "PASSWORD", "borealis.password", "pass%77ord", "pass%2577ord", "%70assword",
      "sslPassword", "trustCertificateKeyStorePassword", "sslpassword", "PWD", "apiToken", "clientSecret",
      "awsCredentials", "x-apikey"})
  void secretKeys(String key) {
    assertThat(Secrets.isSecret(key)).isTrue();
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"user", "connectTimeout", "sslmode", "clusterId", "pass", "%zz", "%", ""})
  void otherKeys(String key) {
    assertThat(Secrets.isSecret(key)).isFalse();
  }
}

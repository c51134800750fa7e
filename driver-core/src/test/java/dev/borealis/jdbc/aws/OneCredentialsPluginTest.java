package dev.borealis.jdbc.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Two plugins cannot both decide what a connection logs in with. */
class OneCredentialsPluginTest {

  @Test
  void enablingBothCredentialsPluginsIsRefused() {
    SQLException e = catchThrowableOfType(SQLException.class, () -> DriverManager.getConnection(
        "jdbc:borealis:fake://db.example.test/db?wrapperPlugins=iam,awsSecretsManager&user=app&iamRegion=us-east-1"
            + "&secretsManagerSecretId=prod/db&secretsManagerRegion=us-east-1"));
    assertThat(e.getMessage()).contains("plugins 'iam' and 'awsSecretsManager' both supply the credentials");
    assertThat(e.getSQLState()).isEqualTo("HY024");
  }
}

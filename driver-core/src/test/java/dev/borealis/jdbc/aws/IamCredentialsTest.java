package dev.borealis.jdbc.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.borealis.jdbc.config.BorealisConfig;
import dev.borealis.jdbc.spi.HostSpec;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Which token a connection gets, when one is reused, and the TLS that cleartext tokens need. */
class IamCredentialsTest {

  private final List<String> signed = new CopyOnWriteArrayList<>();
  private final TokenGenerator generator = (host, port, region, user) -> {
    String token = host + ":" + port + "/?DBUser=" + user + "&region=" + region + "&n=" + signed.size();
    signed.add(token);
    return token;
  };
  private final SharedCache<IamCredentials.TokenKey, String> cache = new SharedCache<>();

  private IamCredentials credentials(String scheme, Map<String, String> props) throws SQLException {
    return IamCredentials.of(BorealisConfig.parse(props, AwsProperties.iam()), scheme, generator, cache);
  }

  @Test
  void aTokenIsSignedPerHostAndReusedUntilItsTimeIsUp() throws SQLException {
    IamCredentials c = credentials("mysql", Map.of("user", "app", "iamRegion", "us-east-1"));
    Properties a = new Properties();
    c.apply(HostSpec.of("writer.example.test", 3306), a);
    Properties b = new Properties();
    c.apply(HostSpec.of("writer.example.test", 3306), b);
    Properties other = new Properties();
    c.apply(HostSpec.of("reader.example.test", 3306), other);
    assertThat(a.getProperty("password")).isEqualTo(b.getProperty("password")).startsWith("writer.example.test:3306/");
    assertThat(other.getProperty("password")).startsWith("reader.example.test:3306/");
    assertThat(signed).hasSize(2);
  }

  @Test
  void aRefusedTokenIsSignedAgain() throws SQLException {
    IamCredentials c = credentials("mysql", Map.of("user", "app", "iamRegion", "us-east-1"));
    HostSpec host = HostSpec.of("writer.example.test", 3306);
    Object first = c.inUse(host);
    c.refresh(host, first);
    assertThat(c.inUse(host)).isNotEqualTo(first);
    assertThat(signed).hasSize(2);
  }

  @Test
  void theRegionComesFromAnRdsHostname() throws SQLException {
    IamCredentials c = credentials("postgresql", Map.of("user", "app"));
    Properties p = new Properties();
    c.apply(HostSpec.of("db-1.abc123xyz.eu-central-1.rds.amazonaws.com", 5432), p);
    assertThat(p.getProperty("password")).contains("region=eu-central-1");
  }

  @Test
  void anotherHostnameNeedsTheRegionProperty() throws SQLException {
    IamCredentials c = credentials("postgresql", Map.of("user", "app"));
    SQLException e = catchThrowableOfType(SQLException.class,
        () -> c.apply(HostSpec.of("db.example.test", 5432), new Properties()));
    assertThat(e.getMessage()).contains("iamRegion").contains("db.example.test");
    assertThat(e.getSQLState()).isEqualTo("HY024");
  }

  @Test
  void iamHostOverridesTheHostTheTokenIsSignedFor() throws SQLException {
    IamCredentials c = credentials("mysql", Map.of("user", "app", "iamRegion", "us-east-1",
        "iamHost", "db.cluster-abc.us-east-1.rds.amazonaws.com"));
    Properties p = new Properties();
    c.apply(HostSpec.of("127.0.0.1", 3306), p);
    assertThat(p.getProperty("password")).startsWith("db.cluster-abc.us-east-1.rds.amazonaws.com:3306/");
  }

  @Test
  void tlsIsTurnedOnUnlessTheApplicationChose() throws SQLException {
    Properties my = new Properties();
    credentials("mysql", Map.of("user", "app", "iamRegion", "us-east-1")).apply(HostSpec.of("h", 3306), my);
    assertThat(my).containsEntry("sslMode", "REQUIRED");
    Properties pg = new Properties();
    credentials("postgresql", Map.of("user", "app", "iamRegion", "us-east-1")).apply(HostSpec.of("h", 5432), pg);
    assertThat(pg).containsEntry("sslmode", "require");
    Properties chosen = new Properties();
    chosen.setProperty("sslMode", "VERIFY_IDENTITY");
    credentials("mysql", Map.of("user", "app", "iamRegion", "us-east-1")).apply(HostSpec.of("h", 3306), chosen);
    assertThat(chosen).containsEntry("sslMode", "VERIFY_IDENTITY");
  }

  @Test
  void theUserIsRequired() {
    SQLException e = catchThrowableOfType(SQLException.class,
        () -> credentials("mysql", Map.of("iamRegion", "us-east-1")));
    assertThat(e.getMessage()).contains("plugin 'iam' needs the database user");
    assertThat(e.getSQLState()).isEqualTo("HY024");
  }

  @Test
  void descriptionsNameTheScopeNotTheToken() throws SQLException {
    IamCredentials c = credentials("mysql", Map.of("user", "app", "iamRegion", "us-east-1"));
    HostSpec host = HostSpec.of("writer.example.test", 3306);
    String token = (String) c.inUse(host);
    assertThat(c.describe(host)).contains("app").contains("writer.example.test:3306").doesNotContain(token);
    assertThat(c.toString()).doesNotContain(token);
  }
}

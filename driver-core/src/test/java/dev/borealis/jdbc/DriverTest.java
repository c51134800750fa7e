package dev.borealis.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.borealis.jdbc.fake.FakeCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DriverTest {

  private final Driver driver = new Driver();

  @Test
  void isRegisteredAndAcceptsOnlyItsOwnUrls() throws SQLException {
    assertThat(DriverManager.getDriver("jdbc:borealis:mysql://h/db")).isInstanceOf(Driver.class);
    assertThat(driver.acceptsURL("jdbc:borealis:postgresql://h/db")).isTrue();
    assertThat(driver.acceptsURL("jdbc:mysql://h/db")).isFalse();
    assertThat(driver.acceptsURL("jdbc:borealisx:mysql://h/db")).isFalse();
    assertThat(driver.acceptsURL(null)).isFalse();
  }

  @Test
  void declinesOtherDriversUrlsWithNull() throws SQLException {
    assertThat(driver.connect("jdbc:postgresql://h/db", new Properties())).isNull();
    assertThat(driver.connect("jdbc:h2:mem:x", new Properties())).isNull();
  }

  @Test
  void describesItsProperties() {
    assertThat(driver.getPropertyInfo("jdbc:borealis:mysql://h/db", new Properties()))
        .extracting(p -> p.name).contains("wrapperPlugins", "maxReplicaLagMs", "clusterInstanceHostPattern");
  }

  @Test
  void urlPropertiesWinOverPropertiesObject() throws SQLException {
    try (FakeCluster cluster = FakeCluster.aurora("prec", "w1")) {
      Properties p = new Properties();
      p.setProperty("user", FakeCluster.USER);
      p.setProperty("password", FakeCluster.PASSWORD);
      p.setProperty("maxReplicaLagMs", "not-a-number");
      assertThatThrownBy(() -> DriverManager.getConnection(cluster.url(""), p))
          .hasMessageContaining("not-a-number");
      try (Connection c = DriverManager.getConnection(cluster.url("maxReplicaLagMs=5"), p)) {
        assertThat(c.isValid(1)).isTrue();
      }
    }
  }

  @Test
  void anUnknownBorealisPropertyWarnsAndOthersPassThroughToTheTarget() throws SQLException {
    try (FakeCluster cluster = FakeCluster.aurora("warn", "w1");
        dev.borealis.jdbc.fake.LogCapture logs = new dev.borealis.jdbc.fake.LogCapture()) {
      Properties p = new Properties();
      p.setProperty("user", FakeCluster.USER);
      p.setProperty("password", FakeCluster.PASSWORD);
      try (Connection c = DriverManager.getConnection(cluster.url("borealis.maxReplicaLag=5&someDriverFlag=1"), p)) {
        assertThat(c.isValid(1)).isTrue();
      }
      assertThat(logs.lines()).anyMatch(l -> l.contains("unknown Borealis property 'borealis.maxReplicaLag'"));
      assertThat(logs.lines()).noneMatch(l -> l.contains(FakeCluster.PASSWORD));
    }
  }

  @Test
  void targetPropertiesAreSplitFromWrapperProperties() throws SQLException {
    dev.borealis.jdbc.config.BorealisConfig config = dev.borealis.jdbc.config.BorealisConfig.parse(
        java.util.Map.of("user", "u", "password", "pw", "sslmode", "require", "maxReplicaLagMs", "7",
            "borealis.dialect", "mysql"), dev.borealis.jdbc.config.CoreProperties.all());
    assertThat(config.targetProperties()).containsOnlyKeys("user", "password", "sslmode");
    assertThat(config.get(dev.borealis.jdbc.config.CoreProperties.MAX_REPLICA_LAG_MS)).isEqualTo(7L);
    assertThat(config.get(dev.borealis.jdbc.config.CoreProperties.DIALECT)).isEqualTo("mysql");
    assertThat(config.toString()).doesNotContain("pw,").contains("password=***");
  }

  @Test
  void dataSourceConnectsAndNeverShowsThePassword() throws SQLException {
    try (FakeCluster cluster = FakeCluster.aurora("ds", "w1")) {
      BorealisDataSource ds = new BorealisDataSource();
      ds.setUrl(cluster.url(""));
      ds.setUser(FakeCluster.USER);
      ds.setPassword(FakeCluster.PASSWORD);
      try (Connection c = ds.getConnection()) {
        assertThat(FakeCluster.serverId(c)).isEqualTo("w1");
        assertThat(c.toString()).doesNotContain(FakeCluster.PASSWORD);
      }
      ds.setUrl(cluster.url("password=" + FakeCluster.PASSWORD));
      assertThat(ds.toString()).doesNotContain(FakeCluster.PASSWORD).contains("password=***");
    }
  }

  @Test
  void dataSourceWithoutUrlOrWithAForeignUrlFailsClearly() {
    BorealisDataSource ds = new BorealisDataSource();
    assertThatThrownBy(ds::getConnection).hasMessageContaining("has no url");
    ds.setUrl("jdbc:mysql://h/db");
    assertThatThrownBy(ds::getConnection).hasMessageContaining("does not start with jdbc:borealis:");
  }

  @Test
  void failoverExceptionsCarryTheAwsWrapperSqlStates() {
    assertThat(new FailoverSuccessException("m", null).getSQLState()).isEqualTo("08S02");
    assertThat(new TransactionStateUnknownException("m", null).getSQLState()).isEqualTo("08007");
    assertThat(new FailoverFailedException("m", null).getSQLState()).isEqualTo("08001");
  }
}

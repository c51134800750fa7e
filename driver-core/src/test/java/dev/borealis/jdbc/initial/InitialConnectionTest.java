package dev.borealis.jdbc.initial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.borealis.jdbc.fake.FakeCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InitialConnectionTest {

  private FakeCluster cluster;

  @BeforeEach
  void start() throws SQLException {
    cluster = FakeCluster.aurora("init", "w1", "r1", "r2");
  }

  @AfterEach
  void stop() throws SQLException {
    cluster.close();
  }

  private Connection connect(String url) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", FakeCluster.USER);
    p.setProperty("password", FakeCluster.PASSWORD);
    return DriverManager.getConnection(url, p);
  }

  @Test
  void staleClusterEndpointDnsDoesNotSendWritesToTheOldWriter() throws SQLException {
    cluster.failover("r1"); // DNS still names w1, now a reader
    try (Connection c = connect(cluster.url("")); Statement s = c.createStatement()) {
      assertThat(FakeCluster.serverId(c)).isEqualTo("r1");
      s.executeUpdate("INSERT INTO items VALUES (1, 'x')");
    }
    assertThat(cluster.itemCount("r1")).isEqualTo(1);
    assertThat(cluster.itemCount("w1")).isZero();
  }

  @Test
  void withoutThePluginStaleDnsLandsOnTheOldWriter() throws SQLException {
    cluster.failover("r1");
    try (Connection c = connect(cluster.url("wrapperPlugins=readWriteSplitting"))) {
      assertThat(FakeCluster.serverId(c)).isEqualTo("w1");
    }
  }

  @Test
  void theReaderEndpointLandsOnAReader() throws SQLException {
    cluster.failover("r1"); // the reader endpoint may now hand out r1, the new writer
    for (int i = 0; i < 6; i++) {
      try (Connection c = connect("jdbc:borealis:fake://" + cluster.readerEndpoint() + "/app")) {
        assertThat(FakeCluster.serverId(c)).isIn("w1", "r2");
      }
    }
  }

  @Test
  void noVerifiableWriterFailsWithinTheTimeoutNamingTheTopology() throws SQLException {
    cluster.failover("r1");
    cluster.down("r1");
    SQLException e = catchThrowableOfType(SQLException.class,
        () -> connect(cluster.url("initialConnectionTimeoutMs=300&initialConnectionRetryIntervalMs=50")));
    assertThat(e.getSQLState()).isEqualTo("08001");
    assertThat(e.getMessage()).contains("no writer verified within 300 ms");
  }

  /** Stale DNS naming the old writer while it reboots: the endpoint refuses, the topology names the new writer. */
  @Test
  void staleDnsNamingARefusingInstanceFallsBackToTheTopologyWriter() throws SQLException {
    try (Connection first = connect(cluster.url(""))) {
      assertThat(FakeCluster.serverId(first)).isEqualTo("w1");
    }
    cluster.failover("r1");
    cluster.down("w1");
    try (Connection c = connect(cluster.url("initialConnectionRetryIntervalMs=20"))) {
      assertThat(FakeCluster.serverId(c)).isEqualTo("r1");
    }
  }

  /** A JVM that never reached the cluster learns the topology through the reader endpoint. */
  @Test
  void anUnknownClusterBehindARefusingStaleEndpointIsLearntThroughTheReaderEndpoint() throws SQLException {
    cluster.failover("r1");
    cluster.down("w1");
    try (Connection c = connect(cluster.url("initialConnectionRetryIntervalMs=20"))) {
      assertThat(FakeCluster.serverId(c)).isEqualTo("r1");
    }
  }

  @Test
  void aRefusalIsReportedAsIsWhenNoEndpointOfTheClusterAnswers() {
    cluster.down("w1");
    cluster.down("r1");
    cluster.down("r2");
    SQLException e = catchThrowableOfType(SQLException.class, () -> connect(cluster.url("")));
    assertThat(e.getSQLState()).isEqualTo("08001");
    assertThat(e.getMessage()).contains("w1 of fake cluster").contains("is down");
  }

  /** Plain replication: the first URL host (w1) is a standby after a switchover; a new connection is read-write. */
  @Test
  void plainReplicationStartsOnTheWriterWhenTheFirstUrlHostIsAStandby() throws SQLException {
    try (FakeCluster plain = FakeCluster.plain("initplain", "w1", "r1", "r2")) {
      plain.failover("r1");
      try (Connection c = connect(plain.instancesUrl("")); Statement s = c.createStatement()) {
        assertThat(FakeCluster.serverId(c)).isEqualTo("r1");
        s.executeUpdate("INSERT INTO items VALUES (1, 'x')");
      }
      try (Connection c = connect(plain.instancesUrl("clusterId=initplain-without&wrapperPlugins=readWriteSplitting"))) {
        assertThat(FakeCluster.serverId(c)).as("without the plugin: the first URL host").isEqualTo("w1");
      }
    }
  }

  @Test
  void plainReplicationListingOnlyStandbysStaysOnTheFirst() throws SQLException {
    try (FakeCluster plain = FakeCluster.plain("initstandbys", "w1", "r1", "r2")) {
      String url = "jdbc:borealis:fake://" + plain.instanceHost("r1") + "," + plain.instanceHost("r2") + "/app";
      try (Connection c = connect(url)) {
        assertThat(FakeCluster.serverId(c)).isEqualTo("r1");
      }
    }
  }
}

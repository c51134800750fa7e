package dev.borealis.jdbc.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.borealis.jdbc.fake.FakeCluster;
import dev.borealis.jdbc.spi.HostRole;
import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.spi.Topology;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClusterTopologyTest {

  private FakeCluster cluster;

  @BeforeEach
  void start() throws SQLException {
    cluster = FakeCluster.aurora("topo", "w1", "r1");
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

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  private static String id(FakeCluster c) {
    return "fake://" + c.clusterEndpoint() + ":5555/app";
  }

  @Test
  void instanceHostnamesComeFromTheClusterEndpointShape() throws SQLException {
    try (Connection c = connect(cluster.url(""))) {
      assertThat(c.isValid(1)).isTrue();
      ClusterTopology t = ClusterRegistry.find(id(cluster)).orElseThrow();
      assertThat(t.topology().hosts()).extracting(HostSpec::host)
          .containsExactly(cluster.instanceHost("w1"), cluster.instanceHost("r1"));
      assertThat(t.topology().writer()).map(HostSpec::instanceId).contains("w1");
    }
  }

  /**
   * Regression: reads run in parallel (a writer search probes every instance at once), and a read that started
   * before a promotion but finished after one that saw it put the old writer back; read/write splitting then sent a
   * read-write connection to the demoted writer, now a lagging reader (the demo's ledger check caught it).
   */
  @Test
  void aReadThatStartedBeforeTheInstalledOneDoesNotReplaceIt() throws SQLException {
    // a cluster of its own: the future-dated topologies below must not outlive this test in a shared provider
    FakeCluster cluster = FakeCluster.aurora("toporder", "w1", "r1");
    try (cluster; Connection c = connect(cluster.url(""))) {
      assertThat(c.isValid(1)).isTrue();
      ClusterTopology t = ClusterRegistry.find(id(cluster)).orElseThrow();
      // dated ahead, so the provider's own background reads (dated now) count as older than both
      long now = System.nanoTime() + Duration.ofMinutes(1).toNanos();
      HostSpec w1 = HostSpec.of(cluster.instanceHost("w1"), 5555);
      HostSpec r1 = HostSpec.of(cluster.instanceHost("r1"), 5555);
      Topology afterPromotion = new Topology(java.util.List.of(
          new HostSpec(r1.host(), r1.port(), "r1", HostRole.WRITER, 0, 1),
          new HostSpec(w1.host(), w1.port(), "w1", HostRole.READER, 0, 1)), now, true);
      Topology startedBefore = new Topology(java.util.List.of(
          new HostSpec(w1.host(), w1.port(), "w1", HostRole.WRITER, 0, 1),
          new HostSpec(r1.host(), r1.port(), "r1", HostRole.READER, 0, 1)), now - 1_000_000, true);

      t.publish(afterPromotion);
      t.publish(startedBefore);

      assertThat(t.topology().writer()).map(HostSpec::instanceId).contains("r1");
      Topology later = new Topology(startedBefore.hosts(), now + 1_000_000, true);
      t.publish(later);
      assertThat(t.topology().writer()).as("a later read is installed").map(HostSpec::instanceId).contains("w1");
    }
  }

  @Test
  void clusterAndReaderEndpointsShareOneProviderAndOneRefreshThread() throws SQLException {
    String readerUrl = "jdbc:borealis:fake://" + cluster.readerEndpoint() + "/app";
    try (Connection a = connect(cluster.url("")); Connection b = connect(readerUrl)) {
      assertThat(a.isValid(1) && b.isValid(1)).isTrue();
      ClusterTopology t = ClusterRegistry.find(id(cluster)).orElseThrow();
      assertThat(t.refreshThread().getName()).isEqualTo("borealis-topology-" + id(cluster));
      long threads = Thread.getAllStackTraces().keySet().stream()
          .filter(th -> th.getName().equals("borealis-topology-" + id(cluster))).count();
      assertThat(threads).isEqualTo(1);
    }
  }

  @Test
  void theRefreshThreadStopsWhenTheLastConnectionCloses() throws SQLException {
    Connection a = connect(cluster.url(""));
    Connection b = connect(cluster.url(""));
    Thread refresher = ClusterRegistry.find(id(cluster)).orElseThrow().refreshThread();
    a.close();
    assertThat(refresher.isAlive()).isTrue();
    b.close();
    await("refresh thread to stop", () -> !refresher.isAlive());
    try (Connection again = connect(cluster.url(""))) {
      assertThat(again.isValid(1)).isTrue();
      Thread restarted = ClusterRegistry.find(id(cluster)).orElseThrow().refreshThread();
      assertThat(restarted).isNotSameAs(refresher);
      assertThat(restarted.isAlive()).isTrue();
    }
  }

  @Test
  void anAddedReaderIsSeenWithinTheRefreshInterval() throws SQLException {
    try (Connection c = connect(cluster.url("clusterTopologyRefreshRateMs=100"))) {
      assertThat(c.isValid(1)).isTrue();
      ClusterTopology t = ClusterRegistry.find(id(cluster)).orElseThrow();
      cluster.addInstance("r2", false);
      await("r2 in topology", () -> t.topology().readers().stream().anyMatch(h -> "r2".equals(h.instanceId())));
      cluster.removeInstance("r1");
      await("r1 gone", () -> t.topology().find(HostSpec.of(cluster.instanceHost("r1"), 5555)).isEmpty());
    }
  }

  @Test
  void aFastRefreshWindowSeesChangesLongBeforeTheNormalInterval() throws SQLException {
    try (Connection c = connect(cluster.url("clusterTopologyRefreshRateMs=3600000"))) {
      assertThat(c.isValid(1)).isTrue();
      ClusterTopology t = ClusterRegistry.find(id(cluster)).orElseThrow();
      cluster.failover("r1");
      t.refreshFastFor(10_000, 50);
      await("new writer r1", () -> t.topology().writer().map(HostSpec::instanceId).orElse("").equals("r1"));
    }
  }

  @Test
  void onDemandRefreshSeesAFailover() throws SQLException {
    try (Connection c = connect(cluster.url(""))) {
      assertThat(c.isValid(1)).isTrue();
      ClusterTopology t = ClusterRegistry.find(id(cluster)).orElseThrow();
      cluster.failover("r1");
      t.refresh();
      assertThat(t.topology().writer()).map(HostSpec::instanceId).contains("r1");
      assertThat(t.topology().find(HostSpec.of(cluster.instanceHost("w1"), 5555))).map(HostSpec::role)
          .contains(HostRole.READER);
    }
  }

  @Test
  void clusterInstanceHostPatternOverridesTheDerivedNames() throws SQLException {
    String pattern = "%3F." + cluster.name() + ".fake.test:5555";
    try (Connection c = connect(cluster.url("clusterId=pattern-" + cluster.name() + "&clusterInstanceHostPattern="
        + pattern))) {
      assertThat(c.isValid(1)).isTrue();
      ClusterTopology t = ClusterRegistry.find("pattern-" + cluster.name()).orElseThrow();
      assertThat(t.topology().hosts()).extracting(HostSpec::hostAndPort)
          .contains(cluster.instanceHost("r1") + ":5555");
    }
  }

  @Test
  void plainReplicationProbesTheUrlHostsForRoles() throws SQLException {
    try (FakeCluster plain = FakeCluster.plain("plain", "p1", "p2", "p3");
        Connection c = connect(plain.instancesUrl(""))) {
      assertThat(FakeCluster.serverId(c)).isEqualTo("p1");
      c.setReadOnly(true);
      assertThat(FakeCluster.serverId(c)).isIn("p2", "p3");
      c.setReadOnly(false);
      assertThat(FakeCluster.serverId(c)).isEqualTo("p1");
    }
  }

  @Test
  void theDialectPropertyOverridesDetection() throws SQLException {
    try (Connection c = connect(cluster.url("dialect=fake-plain&clusterId=override-" + cluster.name()))) {
      ClusterTopology t = ClusterRegistry.find("override-" + cluster.name()).orElseThrow();
      assertThat(t.dialect().code()).isEqualTo("fake-plain");
      assertThat(c.isValid(1)).isTrue();
    }
    try (Connection c = connect(cluster.url(""))) {
      assertThat(ClusterRegistry.find(id(cluster)).orElseThrow().dialect().code()).isEqualTo("fake-aurora");
      assertThat(c.isValid(1)).isTrue();
    }
  }

  @Test
  void auroraEndpointShapes() {
    assertThat(AuroraEndpoints.kind("db.cluster-abc.us-east-1.rds.amazonaws.com"))
        .isEqualTo(AuroraEndpoints.Kind.WRITER_ENDPOINT);
    assertThat(AuroraEndpoints.kind("db.cluster-ro-abc.us-east-1.rds.amazonaws.com"))
        .isEqualTo(AuroraEndpoints.Kind.READER_ENDPOINT);
    assertThat(AuroraEndpoints.kind("ep.cluster-custom-abc.us-east-1.rds.amazonaws.com"))
        .isEqualTo(AuroraEndpoints.Kind.CUSTOM_ENDPOINT);
    assertThat(AuroraEndpoints.kind("inst-1.abc.us-east-1.rds.amazonaws.com")).isEqualTo(AuroraEndpoints.Kind.OTHER);
    assertThat(AuroraEndpoints.kind("10.0.0.1")).isEqualTo(AuroraEndpoints.Kind.OTHER);
    assertThat(InstanceHostNames.of(null, "db.cluster-ro-abc.us-east-1.rds.amazonaws.com", 3306).host("inst-2"))
        .isEqualTo("inst-2.abc.us-east-1.rds.amazonaws.com");
    InstanceHostNames custom = InstanceHostNames.of("?.internal.example:3307", "10.0.0.1", 3306);
    assertThat(custom.host("i9")).isEqualTo("i9.internal.example");
    assertThat(custom.port()).isEqualTo(3307);
    assertThat(InstanceHostNames.of(null, "10.0.0.1", 3306).host("i9")).isEqualTo("i9");
  }
}

package dev.borealis.jdbc.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.borealis.cluster.Engine;
import dev.borealis.cluster.InstanceStatus;
import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.topology.ClusterRegistry;
import dev.borealis.jdbc.topology.ClusterTopology;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the driver promises against an Aurora-like cluster, checked over the network against the embedded cluster by
 * its Aurora hostnames (see {@link ServedCluster}). Each engine module runs it with its engine's hooks. Every test
 * starts its own cluster, so no test sees another's topology, selector state or DNS.
 */
public abstract class ClusterRoutingContract {

  /** Generous upper bound for things that should happen within one refresh interval; reached only on failure. */
  private static final Duration PATIENCE = Duration.ofSeconds(10);
  private static final int REFRESH_MS = 250;

  protected abstract Engine engine();

  /** The {@code <target>} of a {@code jdbc:borealis:<target>://} URL. */
  protected abstract String scheme();

  protected abstract String database();

  /** A query returning the instance id of the server it runs on. */
  protected abstract String instanceIdSql();

  /** Target-driver properties every URL carries ({@code key=value&…}). */
  protected abstract String targetProperties();

  /**
   * A target-driver property with a value the target driver refuses ({@code key=value}), for a database name that
   * tries to set it.
   */
  protected abstract String refusedTargetProperty();

  // ---------------------------------------------------------------- URL injection (issue 12)

  /**
   * The database name reaches the target driver encoded: a name carrying {@code ?key=value} is a database name to the
   * server, never a property to the target driver (which used to refuse the connection over the property's value).
   */
  @Test
  void aDatabaseNameThatLooksLikeAQueryCannotSetATargetDriverProperty() throws Exception {
    String property = refusedTargetProperty();
    String key = property.substring(0, property.indexOf('='));
    try (ServedCluster sc = ServedCluster.start(engine(), 0, Duration.ofSeconds(5))) {
      String db = dev.borealis.jdbc.spi.UrlText.encode(database() + "?" + property);
      String url = sc.clusterUrl(scheme(), db, targetProperties());
      try (Connection c = DriverManager.getConnection(url, ServedCluster.USER, ServedCluster.PASSWORD)) {
        assertThat(c.isValid(5)).as("the server accepted the database name as a name").isTrue();
      } catch (SQLException e) {
        // The server may name the database it does not know; anything else about the property is the target
        // driver reading it.
        String outsideTheName = e.getMessage().replace(database() + "?" + property, "<db>");
        assertThat(outsideTheName).as("the connect failed over the database, not over %s", key)
            .doesNotContainIgnoringCase(key);
      }
    }
  }

  // ---------------------------------------------------------------- writer and reader

  @Test
  void writesLandOnTheWriterAndReadOnlyMovesToAReaderAndBack() throws Exception {
    try (ServedCluster sc = ServedCluster.start(engine(), 2, Duration.ofSeconds(5));
        Connection c = connect(sc, "")) {
      String writer = sc.cluster().writer().id();
      assertThat(instanceOf(c)).isEqualTo(writer);
      execute(c, "CREATE TABLE votes (id INT PRIMARY KEY, who VARCHAR(40))");
      execute(c, "INSERT INTO votes VALUES (1, 'first')");

      c.setReadOnly(true);
      assertThat(instanceOf(c)).isIn(readerIds(sc));
      awaitTrue("the row replicated to the reader", () -> count(c, "SELECT COUNT(*) FROM votes") == 1);
      assertThatThrownBy(() -> execute(c, "INSERT INTO votes VALUES (2, 'on a reader')"))
          .isInstanceOf(SQLException.class);

      c.setReadOnly(false);
      assertThat(instanceOf(c)).isEqualTo(writer);
      execute(c, "INSERT INTO votes VALUES (2, 'second')");
      assertThat(count(c, "SELECT COUNT(*) FROM votes")).isEqualTo(2);
    }
  }

  // ---------------------------------------------------------------- selectors

  /**
   * Bounds: round-robin and least-connections (all connections held open) are exact up to one connection; random
   * gives every reader at least a third of its fair share of 45 picks (5 of 15: each reader falls below that with
   * probability 1.4e-4, binomial with p = 1/3).
   */
  @ParameterizedTest
  @ValueSource(strings = {"random", "roundRobin", "leastConnections"})
  void readOnlyConnectionsSpreadOverTheReadersAsTheSelectorPromises(String strategy) throws Exception {
    int picks = strategy.equals("random") ? 45 : 30;
    try (ServedCluster sc = ServedCluster.start(engine(), 3, Duration.ofSeconds(5))) {
      Map<String, Integer> perReader = new HashMap<>();
      List<Connection> held = new ArrayList<>();
      try {
        for (int i = 0; i < picks; i++) {
          Connection c = connect(sc, "readerHostSelectorStrategy=" + strategy);
          held.add(c);
          c.setReadOnly(true);
          perReader.merge(instanceOf(c), 1, Integer::sum);
        }
      } finally {
        closeAll(held);
      }
      assertThat(perReader.keySet()).as("readers used by %s", strategy).isEqualTo(readerIds(sc));
      int min = perReader.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
      int max = perReader.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
      if (strategy.equals("random")) {
        assertThat(min).as("fewest picks of a reader in %s", perReader).isGreaterThanOrEqualTo(picks / 3 / 3);
      } else {
        assertThat(max - min).as("spread of %s", perReader).isLessThanOrEqualTo(1);
      }
    }
  }

  // ---------------------------------------------------------------- topology changes

  @Test
  void readersAddedOrRemovedAtRuntimeAreSeenByTheRefreshThread() throws Exception {
    try (ServedCluster sc = ServedCluster.start(engine(), 2, Duration.ofSeconds(5));
        Connection keep = connect(sc, "clusterTopologyRefreshRateMs=" + REFRESH_MS)) {
      ClusterTopology topology = ClusterRegistry.find(sc.clusterId()).orElseThrow();
      assertThat(driverReaderIds(topology)).isEqualTo(readerIds(sc));

      String added = sc.clusterId() + "-extra";
      sc.cluster().addReader(added, 1);
      awaitTrue("the driver's topology lists " + added, () -> driverReaderIds(topology).contains(added));
      Set<String> landed = readOnlyLandings(sc, "readerHostSelectorStrategy=roundRobin", 3);
      assertThat(landed).as("round-robin over 3 readers").contains(added);

      String removed = readerIds(sc).stream().filter(id -> !id.equals(added)).findFirst().orElseThrow();
      sc.cluster().removeReader(removed);
      awaitTrue("the driver's topology drops " + removed, () -> !driverReaderIds(topology).contains(removed));
      assertThat(readOnlyLandings(sc, "readerHostSelectorStrategy=roundRobin", 6)).doesNotContain(removed)
          .containsExactlyInAnyOrderElementsOf(readerIds(sc));
    }
  }

  /**
   * Replica lag, as on Aurora, shows only once there is something to replicate: each lag change is followed by a
   * write so the readers report it.
   */
  @Test
  void aReaderLaggingBeyondMaxReplicaLagGetsNoNewConnections() throws Exception {
    try (ServedCluster sc = ServedCluster.start(engine(), 3, Duration.ofSeconds(5));
        Connection keep = connect(sc, "clusterTopologyRefreshRateMs=" + REFRESH_MS)) {
      ClusterTopology topology = ClusterRegistry.find(sc.clusterId()).orElseThrow();
      execute(keep, "CREATE TABLE ticks (id INT PRIMARY KEY)");
      String lagging = readerIds(sc).iterator().next();
      sc.cluster().setReplicaLag(lagging, Duration.ofSeconds(3));
      execute(keep, "INSERT INTO ticks VALUES (1)");
      awaitTrue("the driver sees " + lagging + " lagging", () -> lagOf(topology, lagging) > 1_000);

      String query = "readerHostSelectorStrategy=roundRobin&maxReplicaLagMs=1000";
      Set<String> landed = readOnlyLandings(sc, query, 9);
      assertThat(landed).doesNotContain(lagging).hasSize(2);

      sc.cluster().setReplicaLag(lagging, Duration.ofMillis(1));
      awaitTrue("the driver sees " + lagging + " caught up", () -> {
        execute(keep, "INSERT INTO ticks VALUES (" + System.nanoTime() % 1_000_000_000 + ")");
        return lagOf(topology, lagging) <= 1_000;
      });
      assertThat(readOnlyLandings(sc, query, 3)).contains(lagging);
    }
  }

  // ---------------------------------------------------------------- failover and DNS

  /**
   * After a failover the cluster endpoint's DNS keeps naming the old writer (60 s here, longer than the test): first
   * while it reboots (it refuses connections), then once it is back as a reader (it accepts them, in the wrong role).
   * Either way new connections through the endpoint must land on the new writer.
   */
  @Test
  void staleClusterEndpointDnsAfterAFailoverDoesNotSendWritesToTheOldWriter() throws Exception {
    try (ServedCluster sc = ServedCluster.start(engine(), 2, Duration.ofSeconds(60))) {
      String oldWriter = sc.cluster().writer().id();
      String oldWriterIp = sc.server().instanceEndpoint(oldWriter).ip();
      try (Connection before = connect(sc, "")) {
        execute(before, "CREATE TABLE ledger (id INT PRIMARY KEY)");
      }
      String newWriter = readerIds(sc).iterator().next();
      sc.cluster().failover(newWriter);
      awaitTrue("the cluster promoted " + newWriter, () -> newWriter.equals(sc.cluster().topology().writerId())
          && sc.cluster().awaitWriter(Duration.ZERO));
      assertThat(InetAddress.getByName(sc.server().names().clusterHost()).getHostAddress())
          .as("the cluster endpoint still resolves to the old writer (stale DNS)").isEqualTo(oldWriterIp);

      insertThroughClusterEndpoint(sc, newWriter, 1);
      assertThat(sc.cluster().awaitAvailable(oldWriter, PATIENCE)).as("%s rejoined", oldWriter).isTrue();
      assertThat(sc.cluster().instance(oldWriter).role().name()).isEqualTo("READER");
      assertThat(InetAddress.getByName(sc.server().names().clusterHost()).getHostAddress()).isEqualTo(oldWriterIp);
      insertThroughClusterEndpoint(sc, newWriter, 2);
    }
  }

  /**
   * An application (re)starting during a failover: this JVM has never reached the cluster, the writer crashed and
   * stays down, and the cluster endpoint still names it. The driver learns the topology through the reader endpoint.
   */
  @Test
  void aClientNewToTheClusterFindsTheNewWriterWhileStaleDnsNamesTheCrashedOne() throws Exception {
    try (ServedCluster sc = ServedCluster.start(engine(), 2, Duration.ofSeconds(60), false)) {
      String oldWriter = sc.cluster().writer().id();
      String oldWriterIp = sc.server().instanceEndpoint(oldWriter).ip();
      sc.cluster().crash(oldWriter);
      awaitTrue("a reader promoted", () -> !oldWriter.equals(sc.cluster().topology().writerId())
          && sc.cluster().awaitWriter(Duration.ZERO));
      String newWriter = sc.cluster().topology().writerId();
      assertThat(InetAddress.getByName(sc.server().names().clusterHost()).getHostAddress())
          .as("the cluster endpoint still resolves to the crashed writer (stale DNS)").isEqualTo(oldWriterIp);

      try (Connection c = connect(sc, "initialConnectionTimeoutMs=10000&initialConnectionRetryIntervalMs=50")) {
        assertThat(instanceOf(c)).isEqualTo(newWriter);
        execute(c, "CREATE TABLE ledger (id INT PRIMARY KEY)");
        execute(c, "INSERT INTO ledger VALUES (1)");
      }
    }
  }

  /**
   * Regression: a logical connection parked on a reader while the writer crashed and failed over. Its cached writer
   * connection is dead; going back with {@code setReadOnly(false)} (what a pool does when the connection is returned)
   * raised that dead connection's 08003 instead of opening a connection to the new writer.
   */
  @Test
  void setReadOnlyFalseAfterTheWriterFailedOverLandsOnTheNewWriter() throws Exception {
    try (ServedCluster sc = ServedCluster.start(engine(), 2, Duration.ofSeconds(5));
        Connection c = connect(sc, "")) {
      String oldWriter = sc.cluster().writer().id();
      execute(c, "CREATE TABLE tally (id INT PRIMARY KEY)");
      c.setReadOnly(true);
      sc.cluster().crash(oldWriter);
      awaitTrue("a reader promoted", () -> !oldWriter.equals(sc.cluster().topology().writerId())
          && sc.cluster().awaitWriter(Duration.ZERO));
      String newWriter = sc.cluster().topology().writerId();

      c.setReadOnly(false);
      assertThat(instanceOf(c)).isEqualTo(newWriter);
      execute(c, "INSERT INTO tally VALUES (1)");
      assertThat(count(c, "SELECT COUNT(*) FROM tally")).isEqualTo(1);
    }
  }

  private void insertThroughClusterEndpoint(ServedCluster sc, String expectedWriter, int id) throws Exception {
    try (Connection c = connect(sc, "initialConnectionTimeoutMs=10000&initialConnectionRetryIntervalMs=50")) {
      assertThat(instanceOf(c)).as("instance behind the stale cluster endpoint").isEqualTo(expectedWriter);
      execute(c, "INSERT INTO ledger VALUES (" + id + ")");
    }
  }

  // ---------------------------------------------------------------- Spring-style transactions through HikariCP

  /**
   * What Spring's {@code DataSourceTransactionManager} does for {@code @Transactional(readOnly = …)}: take a pooled
   * connection, {@code setReadOnly(true)} for a read-only transaction, then {@code setAutoCommit(false)}; run; commit;
   * restore autocommit, reset read-only, return the connection. One pooled connection serves every transaction, so
   * the same logical connection moves between the writer and a reader.
   */
  @Test
  void springStyleReadOnlyTransactionsThroughHikariRunOnAReaderAndOthersOnTheWriter() throws Exception {
    try (ServedCluster sc = ServedCluster.start(engine(), 2, Duration.ofSeconds(5))) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(sc.clusterUrl(scheme(), database(), targetProperties()));
      config.setUsername(ServedCluster.USER);
      config.setPassword(ServedCluster.PASSWORD);
      config.setMaximumPoolSize(1);
      config.setPoolName("it-" + sc.clusterId());
      String writer = sc.cluster().writer().id();
      try (HikariDataSource pool = new HikariDataSource(config)) {
        SpringStyleTransactions tx = new SpringStyleTransactions(pool);
        tx.run(false, c -> execute(c, "CREATE TABLE orders (id INT PRIMARY KEY)"));
        for (int i = 0; i < 3; i++) {
          int id = i;
          String writtenOn = tx.call(false, c -> {
            execute(c, "INSERT INTO orders VALUES (" + id + ")");
            return instanceOf(c);
          });
          assertThat(writtenOn).as("read-write transaction %d", i).isEqualTo(writer);
          String readOn = tx.call(true, this::instanceOf);
          assertThat(readOn).as("read-only transaction %d", i).isIn(readerIds(sc));
        }
        awaitTrue("the orders replicated to the reader",
            () -> tx.<Long>call(true, c -> count(c, "SELECT COUNT(*) FROM orders")) == 3);
        assertThatThrownBy(() -> tx.run(true, c -> execute(c, "INSERT INTO orders VALUES (99)")))
            .isInstanceOf(SQLException.class);
        long onWriter = tx.call(false, c -> count(c, "SELECT COUNT(*) FROM orders"));
        assertThat(onWriter).isEqualTo(3);
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  protected Connection connect(ServedCluster sc, String query) throws SQLException {
    String all = targetProperties() + (query.isEmpty() ? "" : "&" + query);
    return DriverManager.getConnection(sc.clusterUrl(scheme(), database(), all), ServedCluster.USER,
        ServedCluster.PASSWORD);
  }

  protected String instanceOf(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(instanceIdSql())) {
      assertThat(rs.next()).as("a row from %s", instanceIdSql()).isTrue();
      return rs.getString(1);
    }
  }

  /** Where {@code n} fresh connections land after {@code setReadOnly(true)}; all held open until counted. */
  private Set<String> readOnlyLandings(ServedCluster sc, String query, int n) throws SQLException {
    List<Connection> held = new ArrayList<>();
    try {
      Set<String> ids = new java.util.HashSet<>();
      for (int i = 0; i < n; i++) {
        Connection c = connect(sc, query);
        held.add(c);
        c.setReadOnly(true);
        ids.add(instanceOf(c));
      }
      return ids;
    } finally {
      closeAll(held);
    }
  }

  private static Set<String> readerIds(ServedCluster sc) {
    return sc.cluster().topology().readers().stream().map(InstanceStatus::id).collect(Collectors.toSet());
  }

  private static Set<String> driverReaderIds(ClusterTopology topology) {
    return topology.topology().readers().stream().map(HostSpec::instanceId).collect(Collectors.toSet());
  }

  private static double lagOf(ClusterTopology topology, String instanceId) {
    return topology.topology().readers().stream().filter(h -> instanceId.equals(h.instanceId()))
        .mapToDouble(HostSpec::lagMs).findFirst().orElse(-1);
  }

  protected static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  protected static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void closeAll(List<Connection> connections) throws SQLException {
    for (Connection c : connections) {
      c.close();
    }
  }

  /** A check that may throw; polled until true. */
  protected interface Check {
    boolean holds() throws Exception;
  }

  /** Polls {@code check} every 20 ms until it holds, failing after {@link #PATIENCE}. */
  protected static void awaitTrue(String what, Check check) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (check.holds()) {
          return;
        }
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(20);
    }
    AssertionError failure = new AssertionError("not within " + PATIENCE + ": " + what);
    if (last != null) {
      failure.initCause(last);
    }
    throw failure;
  }
}

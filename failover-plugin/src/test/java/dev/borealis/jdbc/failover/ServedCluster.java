package dev.borealis.jdbc.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import dev.borealis.cluster.InstanceState;
import dev.borealis.cluster.Role;
import dev.borealis.cluster.server.ClusterServer;
import dev.borealis.cluster.server.Endpoint;
import dev.borealis.cluster.server.NetworkFault;
import dev.borealis.cluster.server.ServerOptions;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * An embedded cluster served on the network, reached by IP: the test JVM cannot resolve the cluster's hostnames,
 * so the Borealis URL names the writer's IP and maps every instance id to its IP with clusterInstanceHostMap.
 */
final class ServedCluster implements AutoCloseable {

  private static final AtomicInteger IDS = new AtomicInteger();

  final Cluster cluster;
  final ClusterServer server;
  final String clusterId;

  private ServedCluster(Cluster cluster, ClusterServer server) {
    this.cluster = cluster;
    this.server = server;
    this.clusterId = cluster.name();
  }

  static ServedCluster start(Engine engine, int readers) throws IOException {
    String name = "fo" + ProcessHandle.current().pid() + "x" + IDS.incrementAndGet();
    Cluster c = Cluster.builder().engine(engine).name(name).readers(readers)
        .failoverDelay(Duration.ofMillis(300)).rebootDelay(Duration.ofMillis(300)).start();
    ServedCluster served;
    try {
      served = new ServedCluster(c, ClusterServer.start(c, options()));
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
    if (engine == Engine.MYSQL) {
      // MySQL has no default database to create tables in.
      try (Connection conn = DriverManager.getConnection(served.url("", "")); Statement s = conn.createStatement()) {
        s.execute("CREATE DATABASE app");
      } catch (SQLException e) {
        served.close();
        throw new IOException("cannot create the test database", e);
      }
    }
    return served;
  }

  /**
   * With the hosts file the surefire JVM reads ({@code -Djdk.net.hosts.file}, see the pom), the cluster also
   * publishes its Aurora-shaped hostnames, for tests that need the driver to derive an instance's address from its
   * id (an instance added at runtime). Run outside Maven, only the IP-based URLs work.
   */
  private static ServerOptions options() {
    String hosts = System.getProperty("jdk.net.hosts.file");
    ServerOptions o = ServerOptions.defaults().withPort(0);
    return hosts == null ? o : o.withHostsFile(java.nio.file.Path.of(hosts));
  }

  /**
   * The Borealis URL through the cluster endpoint's hostname, so instance hostnames follow the Aurora pattern;
   * skips the test when this JVM cannot resolve them. Its cluster id is {@link #byNameClusterId()}: the IP-based
   * URLs' id has settings (host names, refresh rate) from its first connection, which this URL must not share.
   */
  String clusterEndpointUrl(String extra) {
    return clusterEndpointUrl(byNameClusterId(), server.clusterEndpoint().port(), extra);
  }

  /**
   * As {@link #clusterEndpointUrl(String)}, under {@code clusterId} and with {@code port} instead of the cluster's
   * (a port nothing listens on, say); {@code extra} may set {@code failoverTimeoutMs}.
   */
  String clusterEndpointUrl(String clusterId, int port, String extra) {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("jdk.net.hosts.file") != null
        && server.distinctAddresses(), "needs -Djdk.net.hosts.file (set by the failover-plugin surefire argLine) and "
        + "distinct loopback addresses to resolve the embedded cluster's Aurora hostnames");
    Endpoint e = server.clusterEndpoint();
    boolean mysql = cluster.engine() == Engine.MYSQL;
    return "jdbc:borealis:" + (mysql ? "mysql" : "postgresql") + "://" + e.host() + ":" + port + "/"
        + (mysql ? "app" : "postgres") + "?user=admin&password=admin" + (mysql ? "&allowPublicKeyRetrieval=true" : "")
        + "&clusterId=" + clusterId + (extra.contains("failoverTimeoutMs=") ? "" : "&failoverTimeoutMs=15000")
        + "&failureDetectionIntervalMs=200&failureDetectionTimeoutMs=400" + (extra.isEmpty() ? "" : "&" + extra);
  }

  /** A cluster id no connection of this JVM has used: the driver starts without dialect and topology. */
  String unseenClusterId() {
    return clusterId + "-unseen" + IDS.incrementAndGet();
  }

  String byNameClusterId() {
    return clusterId + "-byname";
  }

  /** The Borealis URL through the current writer's IP, with test-friendly failover and monitoring settings. */
  String url(String extra) {
    return url(cluster.engine() == Engine.MYSQL ? "app" : "postgres", extra);
  }

  private String url(String db, String extra) {
    Endpoint writer = server.instanceEndpoint(cluster.writer().id());
    String map = server.endpoints().instances().entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue().ip() + ":" + e.getValue().port())
        .collect(Collectors.joining(","));
    String scheme = cluster.engine() == Engine.MYSQL ? "mysql" : "postgresql";
    return "jdbc:borealis:" + scheme + "://" + writer.ip() + ":" + writer.port() + "/" + db
        + "?user=admin&password=admin" + (cluster.engine() == Engine.MYSQL ? "&allowPublicKeyRetrieval=true" : "")
        + "&clusterId=" + clusterId + "&clusterInstanceHostMap=" + map
        + (extra.contains("failoverTimeoutMs=") ? "" : "&failoverTimeoutMs=15000")
        + "&failureDetectionIntervalMs=200&failureDetectionTimeoutMs=400"
        + (extra.isEmpty() ? "" : "&" + extra);
  }

  /**
   * The Borealis URL under a cluster id no connection of this JVM has used, so the driver starts with no dialect
   * and no topology: only the URL's host (the current writer's IP) is known.
   */
  String urlForUnseenCluster() {
    return url("").replace("clusterId=" + clusterId + "&", "clusterId=" + clusterId + "-unseen" + IDS.incrementAndGet()
        + "&");
  }

  Connection connect(String extra) throws SQLException {
    return DriverManager.getConnection(url(extra));
  }

  String writerId() {
    return cluster.writer().id();
  }

  /** The instance a connection sits on, asked of the server. */
  String instanceOf(Connection c) throws SQLException {
    String sql = cluster.engine() == Engine.MYSQL ? "SELECT @@aurora_server_id" : "SELECT aurora_db_instance_identifier()";
    try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Crashes the writer and returns its id. */
  String crashWriter() {
    String old = writerId();
    cluster.crash(old);
    return old;
  }

  /** Waits until a new writer is up and at least one other instance is available again (ready for a crash). */
  void awaitSettled(String notWriter) {
    poll(Duration.ofSeconds(20), () -> {
      String w = cluster.topology().writerId();
      long available = cluster.topology().instances().stream()
          .filter(i -> i.state() == InstanceState.AVAILABLE && i.role() == Role.READER).count();
      return w != null && !w.equals(notWriter) && available >= 1
          && cluster.instance(w).state() == InstanceState.AVAILABLE;
    }, "cluster settles after failover");
  }

  /** A statement a test runs on another thread, expecting it to block and then fail. */
  @FunctionalInterface
  interface SqlWork {
    void run() throws java.sql.SQLException;
  }

  /** Runs {@code work} on {@code app}; the future answers the SQLSTATE it failed with, or "no error". */
  static java.util.concurrent.Future<String> sqlStateOf(java.util.concurrent.ExecutorService app, SqlWork work) {
    return app.submit(() -> {
      try {
        work.run();
        return "no error";
      } catch (java.sql.SQLException e) {
        return e.getSQLState();
      }
    });
  }

  /** Polls {@code condition} until it holds or {@code timeout} passes (then fails naming {@code what}). */
  static void poll(Duration timeout, BooleanSupplier condition, String what) {
    poll(timeout, condition, () -> what);
  }

  /** As above; {@code what} is only computed when the wait fails (it may describe the state then). */
  static void poll(Duration timeout, BooleanSupplier condition, java.util.function.Supplier<String> what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as(() -> "timed out waiting for: " + what.get()).isNegative();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }

  /** Threads the driver started for any cluster (topology refresh, monitors, searches, probes). */
  static long driverThreads() {
    return driverThreadNames().size();
  }

  static java.util.List<String> driverThreadNames() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(t -> t.startsWith("borealis-topology-") || t.startsWith("borealis-efm-")
            || t.startsWith("borealis-failover-"))
        .toList();
  }

  /** Open client sockets on every instance. */
  int clientSockets() {
    return server.endpoints().instances().keySet().stream().mapToInt(server::connectionCount).sum();
  }

  /** Makes sure no test leaves an instance silent when the cluster closes. */
  void healAll() {
    for (String id : server.endpoints().instances().keySet()) {
      server.inject(id, NetworkFault.NORMAL);
    }
  }

  Map<String, Endpoint> instances() {
    return server.endpoints().instances();
  }

  @Override
  public void close() {
    try {
      healAll();
      server.close();
    } finally {
      cluster.close();
    }
  }
}

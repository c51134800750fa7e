package dev.borealis.jdbc.customendpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import dev.borealis.cluster.server.ClusterServer;
import dev.borealis.cluster.server.ServerOptions;
import dev.borealis.cluster.server.admin.AdminServer;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;

/**
 * An embedded cluster with its admin API, reached through Aurora hostnames (the surefire JVM reads the clusters'
 * hosts file), for connections through a custom endpoint.
 */
final class CustomEndpointCluster implements AutoCloseable {

  static final long REFRESH_MS = 200;
  private static final AtomicInteger IDS = new AtomicInteger();

  final Cluster cluster;
  final ClusterServer server;
  final AdminServer admin;
  final String id;

  private CustomEndpointCluster(Cluster cluster, ClusterServer server, AdminServer admin) {
    this.cluster = cluster;
    this.server = server;
    this.admin = admin;
    this.id = cluster.name();
  }

  static CustomEndpointCluster start(Engine engine, int readers) throws IOException {
    String hosts = System.getProperty("jdk.net.hosts.file");
    Assumptions.assumeTrue(hosts != null, "needs -Djdk.net.hosts.file (the failover-plugin surefire argLine)");
    Cluster c = Cluster.builder().engine(engine).name("cep" + ProcessHandle.current().pid() + "x" + IDS.incrementAndGet())
        .readers(readers).failoverDelay(Duration.ofMillis(300)).rebootDelay(Duration.ofMillis(300)).start();
    ClusterServer server = null;
    try {
      server = ClusterServer.start(c, ServerOptions.defaults().withPort(0).withHostsFile(Path.of(hosts))
          .withDnsDelay(Duration.ofMillis(200)).withReaderRotation(Duration.ofMillis(50)));
      Assumptions.assumeTrue(server.distinctAddresses(), "needs distinct loopback addresses");
      return new CustomEndpointCluster(c, server, AdminServer.start(server, 0));
    } catch (IOException | RuntimeException | Error e) {
      if (server != null) {
        server.close();
      }
      c.close();
      throw e;
    }
  }

  List<String> readers() {
    return cluster.topology().readers().stream().map(r -> r.id()).toList();
  }

  /** The Borealis URL through custom endpoint {@code name}, with the plugin reading the admin API. */
  String url(String name, String extra) {
    return url(server.names().customHost(name), server.customEndpoint(name).orElseThrow().port(), extra);
  }

  String url(String host, int port, String extra) {
    boolean mysql = cluster.engine() == Engine.MYSQL;
    return "jdbc:borealis:" + (mysql ? "mysql" : "postgresql") + "://" + host + ":" + port + "/"
        + (mysql ? "" : "postgres") + "?user=admin&password=admin" + (mysql ? "&allowPublicKeyRetrieval=true" : "")
        + "&clusterId=" + id + "&wrapperPlugins=customEndpoint,readWriteSplitting,failover"
        + "&customEndpointInfoUrl=" + admin.url() + "&customEndpointInfoTokenFile=" + admin.tokenFile()
        + "&customEndpointInfoRefreshRateMs=" + REFRESH_MS + "&failoverTimeoutMs=15000"
        + (extra.isEmpty() ? "" : "&" + extra);
  }

  Connection connect(String name) throws SQLException {
    return DriverManager.getConnection(url(name, ""));
  }

  /** The instance a connection's next statement runs on, asked of the server. */
  String instanceOf(Connection c) throws SQLException {
    String sql = cluster.engine() == Engine.MYSQL ? "SELECT @@aurora_server_id" : "SELECT aurora_db_instance_identifier()";
    try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  static boolean monitorRunning(String endpoint) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals("borealis-custom-endpoint-" + endpoint) && t.isAlive());
  }

  static void poll(Duration timeout, BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("timed out waiting for: " + what).isNegative();
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for: " + what, e);
      }
    }
  }

  @Override
  public void close() {
    admin.close();
    server.close();
    cluster.close();
  }
}

package dev.borealis.jdbc.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import dev.borealis.cluster.server.ClusterServer;
import dev.borealis.cluster.server.ServerOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embedded cluster served on loopback, reached by its Aurora-shaped hostnames through the hosts file the test JVM
 * reads ({@code -Djdk.net.hosts.file}, set by the engine modules' surefire configuration; every cluster of the JVM
 * shares that file, each in its own section). Each fixture has a fresh cluster name and DNS id, so driver-side state
 * cached per cluster id (topology, selectors, stats) never leaks between tests.
 */
public final class ServedCluster implements AutoCloseable {

  /** The embedded cluster's default user; its password is the same word. */
  public static final String USER = "admin";
  public static final String PASSWORD = "admin";
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final Cluster cluster;
  private final ClusterServer server;

  private ServedCluster(Cluster cluster, ClusterServer server) {
    this.cluster = cluster;
    this.server = server;
  }

  /**
   * Starts a cluster of one writer and {@code readers} readers.
   *
   * @param dnsDelay how long the cluster endpoint keeps naming the old writer after a failover
   */
  public static ServedCluster start(Engine engine, int readers, Duration dnsDelay) throws IOException {
    return start(engine, readers, dnsDelay, true);
  }

  /**
   * As {@link #start(Engine, int, Duration)}; {@code autoRestart=false} leaves crashed instances down (refusing
   * connections) instead of rebooting them.
   */
  public static ServedCluster start(Engine engine, int readers, Duration dnsDelay, boolean autoRestart)
      throws IOException {
    Path hosts = hostsFile();
    String name = "it-" + (engine == Engine.MYSQL ? "my" : "pg") + "-" + ProcessHandle.current().pid() + "-"
        + SEQUENCE.incrementAndGet();
    Cluster cluster = Cluster.builder().engine(engine).name(name).readers(readers)
        .replicaLag(Duration.ofMillis(1)).failoverDelay(Duration.ofMillis(200)).autoRestart(autoRestart).start();
    ClusterServer server;
    try {
      server = ClusterServer.start(cluster, ServerOptions.defaults().withPort(0).withHostsFile(hosts)
          .withDnsDelay(dnsDelay));
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    ServedCluster served = new ServedCluster(cluster, server);
    if (!server.distinctAddresses()) {
      served.close();
      // Instance hostnames are derived from the cluster endpoint with the URL's port, so every instance must share it.
      assumeTrue(false, "this machine cannot bind extra loopback addresses (127.x.y.z); the Aurora-hostname tests "
          + "need one shared port on distinct addresses");
    }
    return served;
  }

  /** The hosts file named by {@code -Djdk.net.hosts.file}; skips the test when the JVM was not started with one. */
  static Path hostsFile() {
    String path = System.getProperty("jdk.net.hosts.file");
    assumeTrue(path != null, "the JVM was started without -Djdk.net.hosts.file, so it cannot resolve the embedded "
        + "cluster's Aurora hostnames; run through Maven (the driver modules' surefire argLine sets it)");
    return Path.of(path);
  }

  public Cluster cluster() {
    return cluster;
  }

  public ClusterServer server() {
    return server;
  }

  /** A cluster id for the driver that no other test uses. */
  public String clusterId() {
    return cluster.name();
  }

  /**
   * A Borealis URL through the cluster (writer) endpoint, by hostname.
   *
   * @param query extra {@code key=value&…} wrapper/target properties, may be empty
   */
  public String clusterUrl(String scheme, String database, String query) {
    return url(scheme, server.clusterEndpoint().host(), server.clusterEndpoint().port(), database, query);
  }

  /** A Borealis URL through the reader endpoint, by hostname. */
  public String readerUrl(String scheme, String database, String query) {
    return url(scheme, server.readerEndpoint().host(), server.readerEndpoint().port(), database, query);
  }

  private String url(String scheme, String host, int port, String database, String query) {
    return "jdbc:borealis:" + scheme + "://" + host + ":" + port + "/" + database + "?clusterId=" + clusterId()
        + (query.isEmpty() ? "" : "&" + query);
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      cluster.close();
    }
  }
}

package dev.borealis.benchmarks;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.ClusterBuilder;
import dev.borealis.cluster.Engine;
import dev.borealis.cluster.server.ClusterServer;
import dev.borealis.cluster.server.Endpoint;
import dev.borealis.cluster.server.ServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * An embedded cluster served on loopback, its Aurora-shaped names resolvable in this JVM. A JVM reads its hosts file
 * once, when name resolution is first used, so {@link #useHostsFile()} must run before anything resolves a name; the
 * benchmarks call it first thing.
 */
final class ServedCluster implements AutoCloseable {

  static final String USER = "admin";
  static final String PASSWORD = "admin";
  private static Path hostsFile;

  private final Cluster cluster;
  private final ClusterServer server;
  private final RelayedNetwork relays;

  private ServedCluster(Cluster cluster, ClusterServer server, RelayedNetwork relays) {
    this.cluster = cluster;
    this.server = server;
    this.relays = relays;
  }

  /** Points this JVM's name resolution at a hosts file every served cluster of this run writes its names to. */
  static synchronized Path useHostsFile() {
    if (hostsFile == null) {
      hostsFile = Path.of(System.getProperty("java.io.tmpdir"), "borealis-benchmarks-" + ProcessHandle.current().pid()
          + ".hosts");
      System.setProperty("jdk.net.hosts.file", hostsFile.toString());
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          Files.deleteIfExists(hostsFile);
          Files.deleteIfExists(hostsFile.resolveSibling(hostsFile.getFileName() + ".lock"));
        } catch (IOException e) {
          System.err.println("could not delete " + hostsFile + ": " + e.getMessage());
        }
      }, "bench-hosts-cleanup"));
    }
    return hostsFile;
  }

  /** A writer and {@code readers} readers, no replica lag added, served on a free port. */
  static ServedCluster start(Engine engine, String name, int readers) throws IOException {
    return start(engine, name, readers, false, Optional.empty());
  }

  /**
   * The same, with this JVM's clients reaching every instance through a {@link RelayedNetwork} whose paths the caller
   * can silence. This JVM's hosts file then names the relays, and holds only this cluster's names while it runs.
   * {@code failoverDelay}, when given, replaces the cluster's default time from a writer crash to the promotion.
   */
  static ServedCluster startRelayed(Engine engine, String name, int readers, Optional<Duration> failoverDelay)
      throws IOException {
    return start(engine, name, readers, true, failoverDelay);
  }

  private static ServedCluster start(Engine engine, String name, int readers, boolean relayed,
                                     Optional<Duration> failoverDelay) throws IOException {
    Path hosts = useHostsFile();
    ClusterBuilder builder = Cluster.builder().engine(engine).name(name).readers(readers).replicaLag(Duration.ZERO);
    failoverDelay.ifPresent(builder::failoverDelay);
    Cluster cluster = builder.start();
    ClusterServer server = null;
    try {
      // Relayed, the server keeps its own hosts file (the relays mirror its names into this JVM's).
      ServerOptions options = ServerOptions.defaults().withPort(0);
      server = ClusterServer.start(cluster, relayed ? options : options.withHostsFile(hosts));
      return new ServedCluster(cluster, server, relayed ? RelayedNetwork.start(server, hosts) : null);
    } catch (IOException | RuntimeException e) {
      if (server != null) {
        server.close();
      }
      cluster.close();
      throw e;
    }
  }

  Engine engine() {
    return cluster.engine();
  }

  String name() {
    return cluster.name();
  }

  /** For fault injection and promotion timing (the failover benchmark). */
  Cluster cluster() {
    return cluster;
  }

  /** For network faults (the failover benchmark). */
  ClusterServer server() {
    return server;
  }

  /** The relays between this JVM and the instances; only for {@link #startRelayed}. */
  RelayedNetwork relays() {
    if (relays == null) {
      throw new IllegalStateException("cluster " + name() + " is not relayed (start it with startRelayed)");
    }
    return relays;
  }

  /** How long the cluster endpoint's name keeps pointing at the old writer after a failover. */
  static Duration dnsDelay() {
    return ServerOptions.defaults().dnsDelay();
  }

  /** The cluster (writer) endpoint. */
  Endpoint endpoint() {
    return server.clusterEndpoint();
  }

  /** {@code PREFIX://cluster-host:port/database}, e.g. with {@code jdbc:borealis:postgresql}. */
  String url(String prefix, String database) {
    return prefix + "://" + endpoint().host() + ":" + endpoint().port() + "/" + database;
  }

  @Override
  public void close() {
    if (relays != null) {
      relays.close();
    }
    server.close();
    cluster.close();
  }
}

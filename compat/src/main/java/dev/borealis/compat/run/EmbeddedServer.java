package dev.borealis.compat.run;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import dev.borealis.cluster.server.ClusterServer;
import dev.borealis.cluster.server.Endpoint;
import dev.borealis.cluster.server.ServerOptions;
import java.io.IOException;
import java.util.Locale;
import java.util.Properties;

/**
 * An embedded cluster served on loopback for the differential run: a writer and no readers (the corpus runs on the
 * writer; replication is tested elsewhere), reached by IP through the raw driver.
 */
public final class EmbeddedServer implements AutoCloseable {

  private static final String USER = "admin";
  private static final String PASSWORD = "admin";
  private final Cluster cluster;
  private final ClusterServer server;

  private EmbeddedServer(Cluster cluster, ClusterServer server) {
    this.cluster = cluster;
    this.server = server;
  }

  public static EmbeddedServer start(Engine engine) throws IOException {
    Cluster cluster = Cluster.builder().engine(engine).name("compat-" + engine.name().toLowerCase(Locale.ROOT))
        .readers(0).user(USER, PASSWORD).start();
    try {
      return new EmbeddedServer(cluster, ClusterServer.start(cluster, ServerOptions.defaults().withPort(0)));
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  public Target target() {
    Endpoint writer = server.clusterEndpoint();
    String scheme = cluster.engine() == Engine.MYSQL ? "jdbc:mysql://" : "jdbc:postgresql://";
    Properties credentials = new Properties();
    credentials.setProperty("user", USER);
    credentials.setProperty("password", PASSWORD);
    return new Target("embedded " + cluster.engine().displayName(), cluster.engine(),
        scheme + writer.ip() + ":" + writer.port(), credentials);
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

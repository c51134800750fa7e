package dev.borealis.jdbc.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.borealis.cluster.Engine;
import dev.borealis.cluster.server.NetworkFault;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A writer that goes silent (blackholed: no reset, no answer) while the cluster promotes another instance is left as
 * soon as the promotion shows, not only once the monitor's failure count declares it dead: its first missed probe
 * asks a writer search whether the cluster still has it as its writer.
 */
class PromotionWhileSilentTest {

  private ServedCluster served;

  @AfterEach
  void stop() {
    if (served != null) {
      served.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aStatementStuckOnASilentWriterFailsOverOnceTheClusterPromotesAnother(Engine engine) throws Exception {
    served = ServedCluster.start(engine, 2);
    ExecutorService app = Executors.newSingleThreadExecutor(r -> new Thread(r, "promotion-while-silent-app"));
    // 100 misses in a row: the failure count alone would take over 80 s to declare the host dead.
    try (Connection c = served.connect("failureDetectionCount=100&failoverTimeoutMs=30000")) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
      }
      insert(c, 1);
      int searches = ClusterFailover.searchCount(served.clusterId);
      long aborts = HostMonitors.aborts(served.clusterId);
      String old = served.writerId();
      served.server.inject(old, NetworkFault.BLACKHOLE);

      Future<String> stuck = ServedCluster.sqlStateOf(app, () -> insert(c, 2));
      ServedCluster.poll(Duration.ofSeconds(10), () -> ClusterFailover.searchCount(served.clusterId) > searches,
          "a missed probe starts a writer search");
      assertThat(HostMonitors.aborts(served.clusterId)).as("nothing aborted before the promotion").isEqualTo(aborts);
      served.cluster.failover();

      // The search that notices the promotion aborts the stuck connection (the monitor, or the connection tracker
      // reacting to the topology the search published, whichever comes first).
      assertThat(stuck.get(30, TimeUnit.SECONDS)).isEqualTo("08S02");
      insert(c, 2);
      assertThat(served.instanceOf(c)).isEqualTo(served.writerId()).isNotEqualTo(old);
    } finally {
      app.shutdownNow();
      served.healAll();
    }
  }

  private static void insert(Connection c, int id) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO t VALUES (" + id + ")");
    }
  }
}

package dev.borealis.jdbc.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.borealis.cluster.Engine;
import dev.borealis.cluster.server.NetworkFault;
import dev.borealis.jdbc.spi.Topology;
import dev.borealis.jdbc.topology.ClusterRegistry;
import dev.borealis.jdbc.topology.ClusterTopology;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A blackholed instance accepts TCP connections and then never sends a byte. Every connection the driver opens for
 * itself must give up on it within its bound, or the thread opening it (a failover, the topology refresh) hangs:
 * Connector/J waits forever for the handshake by default, pgJDBC for the startup reply. The futures' generous
 * timeouts only tell "returned" from "hung"; they measure nothing.
 */
class BlackholeBoundsTest {

  private ServedCluster served;
  private final ExecutorService app = Executors.newSingleThreadExecutor(r -> new Thread(r, "blackhole-test-app"));

  @AfterEach
  void stop() {
    app.shutdownNow();
    if (served != null) {
      served.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void topologyConnectionOpenedOnABlackholedWriterGivesUpAndReadsThroughAReader(Engine engine) throws Exception {
    served = ServedCluster.start(engine, 2);
    try (Connection c = served.connect("")) {
      ClusterTopology cluster = ClusterRegistry.find(served.clusterId).orElseThrow();
      // The provider opens its own connection lazily, to the writer first: make that connect meet silence.
      served.server.inject(served.writerId(), NetworkFault.BLACKHOLE);

      Future<Topology> refresh = app.submit(cluster::refresh);

      Topology t = refresh.get(60, TimeUnit.SECONDS);
      assertThat(t.writer()).as("the topology read through a reader still names the writer").isPresent();
      served.healAll();
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void readerFailoverPastABlackholedReaderEndsOnTheWriterInsteadOfHanging(Engine engine) throws Exception {
    served = ServedCluster.start(engine, 2);
    try (Connection c = served.connect("")) {
      c.setReadOnly(true);
      String reader = served.instanceOf(c);
      String other = served.cluster.topology().instances().stream().map(i -> i.id())
          .filter(id -> !id.equals(reader) && !id.equals(served.writerId())).findFirst().orElseThrow();
      served.server.inject(other, NetworkFault.BLACKHOLE);
      served.cluster.crash(reader);

      Future<String> failover = app.submit(() -> {
        try {
          served.instanceOf(c);
          return "no error";
        } catch (SQLException e) {
          return e.getSQLState();
        }
      });

      assertThat(failover.get(60, TimeUnit.SECONDS)).isEqualTo("08S02");
      assertThat(served.instanceOf(c)).as("the only instance left that answers").isEqualTo(served.writerId());
      served.healAll();
    }
  }
}

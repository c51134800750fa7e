package dev.borealis.jdbc.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.borealis.cluster.Engine;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Many logical connections losing the writer together share one writer search. */
class SharedSearchTest {

  private static final int CONNECTIONS = 8;
  private ServedCluster served;

  @BeforeEach
  void start() throws Exception {
    served = ServedCluster.start(Engine.POSTGRESQL, 2);
  }

  @AfterEach
  void stop() {
    served.close();
  }

  @Test
  void connectionsFailingAtOnceRunOneTopologySearch() throws Exception {
    List<Connection> conns = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
    try {
      for (int i = 0; i < CONNECTIONS; i++) {
        conns.add(served.connect(""));
      }
      int before = ClusterFailover.searchCount(served.clusterId);
      String old = served.crashWriter();
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> states = new ArrayList<>();
      for (Connection c : conns) {
        states.add(pool.submit(() -> {
          go.await();
          try {
            served.instanceOf(c);
            return "no error";
          } catch (SQLException e) {
            return e.getSQLState();
          }
        }));
      }
      go.countDown();
      for (Future<String> f : states) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo("08S02");
      }

      assertThat(ClusterFailover.searchCount(served.clusterId) - before).isEqualTo(1);
      for (Connection c : conns) {
        assertThat(served.instanceOf(c)).isNotEqualTo(old).isEqualTo(served.writerId());
      }
    } finally {
      pool.shutdownNow();
      for (Connection c : conns) {
        c.close();
      }
    }
  }
}

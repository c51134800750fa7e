package dev.borealis.jdbc.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.borealis.cluster.Engine;
import dev.borealis.cluster.server.NetworkFault;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Enhanced failure monitoring: a silent writer is detected and its stuck statements fail over. */
class FailureMonitoringTest {

  private ServedCluster served;

  @BeforeEach
  void start() throws Exception {
    served = ServedCluster.start(Engine.POSTGRESQL, 2);
    try (Connection c = served.connect(""); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
    }
  }

  @AfterEach
  void stop() {
    served.close();
  }

  @Test
  void aStatementStuckOnABlackholedWriterIsAbortedByTheMonitorAndFailsOver() throws Exception {
    ExecutorService app = Executors.newSingleThreadExecutor();
    try (Connection c = served.connect("")) {
      insert(c, 1);
      long aborts = HostMonitors.aborts(served.clusterId);
      String old = served.writerId();
      served.server.inject(old, NetworkFault.BLACKHOLE);

      Future<String> stuck = ServedCluster.sqlStateOf(app, () -> insert(c, 2));
      // Only the monitor can end the wait: the socket stays open and silent, with no socket timeout. No promotion
      // yet, so it is the failure count that finds the host dead.
      ServedCluster.poll(Duration.ofSeconds(8), () -> HostMonitors.aborts(served.clusterId) > aborts,
          "the monitor aborts the stuck connection after its failure count");
      served.cluster.failover();

      assertThat(stuck.get(20, TimeUnit.SECONDS)).isEqualTo("08S02");
      insert(c, 2);
      assertThat(served.instanceOf(c)).isEqualTo(served.writerId()).isNotEqualTo(old);
    } finally {
      app.shutdownNow();
    }
  }

  @Test
  void withNoWriterWithinTheFailoverTimeoutTheCallFailsWith08001() throws Exception {
    try (Connection c = served.connect("failoverTimeoutMs=1500")) {
      insert(c, 1);
      served.server.inject(served.writerId(), NetworkFault.BLACKHOLE);

      SQLException e = org.assertj.core.api.Assertions.catchThrowableOfType(SQLException.class, () -> insert(c, 2));

      assertThat((Throwable) e).isInstanceOf(dev.borealis.jdbc.FailoverFailedException.class);
      assertThat(e.getSQLState()).isEqualTo("08001");
      assertThat(e.getMessage()).contains("no writer").contains("1500 ms");
      // Core's topology connection has no connect timeout; let a refresh stuck on the silent host finish.
      served.healAll();
    }
  }

  /**
   * Regression: a monitor stopped the moment its last connection left, so every read/write-splitting switch started
   * and stopped a monitor thread (about 300 µs per switch pair in the overhead benchmark). Monitors now linger.
   */
  @Test
  void switchingBetweenWriterAndReaderKeepsTheSameMonitorThreads() throws Exception {
    try (Connection c = served.connect("")) {
      c.setReadOnly(true);
      c.setReadOnly(false);
      java.util.Set<Thread> first = efmThreads(served.clusterId);
      assertThat(first).hasSize(2);
      for (int i = 0; i < 20; i++) {
        c.setReadOnly(true);
        c.setReadOnly(false);
      }
      assertThat(efmThreads(served.clusterId)).isEqualTo(first);
    }
  }

  /** This cluster's monitor threads (those of earlier tests' clusters may still be lingering). */
  private static java.util.Set<Thread> efmThreads(String clusterId) {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
        .filter(t -> t.getName().startsWith("borealis-efm-" + clusterId + "-"))
        .collect(java.util.stream.Collectors.toSet());
  }

  @Test
  void afterTheLastConnectionClosesTheDriverHoldsNoThreadsAndNoSockets() throws Exception {
    Connection a = served.connect("");
    Connection b = served.connect("");
    b.setReadOnly(true);
    served.instanceOf(b);
    assertThat(HostMonitors.activeMonitors(served.clusterId)).isEqualTo(2);
    served.crashWriter();
    CompletableFuture.runAsync(() -> {
      try {
        served.instanceOf(a);
      } catch (SQLException expected) {
        // 08S02: the point is what stays behind afterwards.
      }
    }).get(30, TimeUnit.SECONDS);

    a.close();
    b.close();

    ServedCluster.poll(Duration.ofSeconds(15), () -> ServedCluster.driverThreads() == 0,
        () -> "no borealis-* threads left, but " + ServedCluster.driverThreadNames());
    ServedCluster.poll(Duration.ofSeconds(15), () -> served.clientSockets() == 0, "no client sockets left");
    ServedCluster.poll(Duration.ofSeconds(15), () -> HostMonitors.activeMonitors(served.clusterId) == 0,
        "no failure monitor left");
  }

  private static void insert(Connection c, int id) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO t VALUES (" + id + ")");
    }
  }
}

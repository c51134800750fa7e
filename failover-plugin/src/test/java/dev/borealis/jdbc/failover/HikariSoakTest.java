package dev.borealis.jdbc.failover;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.borealis.cluster.Engine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Many writers through HikariCP while the cluster fails over again and again (crashes and switchovers alternate).
 * The ledger check: every insert whose commit returned is in the table exactly once; an insert that ended in a
 * failover error (08xxx) may or may not be; nothing else is; no other error reaches the application (in particular
 * no read-only refusal from a demoted writer).
 */
class HikariSoakTest {

  private static final int FAILOVERS = 20;
  private static final int THREADS = 8;

  private ServedCluster served;

  private void start(Engine engine) throws Exception {
    served = ServedCluster.start(engine, 2);
    try (Connection c = served.connect(""); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE ledger (id BIGINT PRIMARY KEY)");
    }
  }

  @AfterEach
  void stop() {
    if (served != null) {
      served.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  @Timeout(150)
  void twentyFailoversUnderEightPooledWritersLoseNoConfirmedWriteAndLeaveNothingBehind(Engine engine)
      throws Exception {
    start(engine);
    Set<Long> confirmed = ConcurrentHashMap.newKeySet();
    Set<Long> unknown = ConcurrentHashMap.newKeySet();
    Queue<SQLException> unexpected = new ConcurrentLinkedQueue<>();
    AtomicInteger failoverErrors = new AtomicInteger();
    AtomicLong progress = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> writers = new ArrayList<>();
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
    try (HikariDataSource pool = new HikariDataSource(config())) {
      try {
        for (int t = 0; t < THREADS; t++) {
          long base = t * 1_000_000_000L;
          Thread w = new Thread(() -> write(pool, base, stop, confirmed, unknown, unexpected, failoverErrors,
              progress), "soak-writer-" + t);
          writers.add(w);
          w.start();
        }
        long slowestResumeMs = 0;
        for (int i = 0; i < FAILOVERS; i++) {
          long seen = progress.get();
          long waitStart = System.nanoTime();
          ServedCluster.poll(Duration.ofSeconds(20), () -> progress.get() >= seen + THREADS,
              "writes succeed after failover " + i);
          slowestResumeMs = Math.max(slowestResumeMs, (System.nanoTime() - waitStart) / 1_000_000);
          String old = served.writerId();
          if (i % 2 == 0) {
            served.cluster.crash(old);
          } else {
            served.cluster.failover();
          }
          served.awaitSettled(old);
        }
        long seen = progress.get();
        ServedCluster.poll(Duration.ofSeconds(20), () -> progress.get() >= seen + THREADS, "writes after the last");
        // Printed, not asserted: how long the writers took at worst to get going again after a settled failover.
        System.out.println(engine + " soak: " + confirmed.size() + " acknowledged, " + failoverErrors.get()
            + " failover errors, slowest resumption " + slowestResumeMs + " ms");
      } finally {
        // On any failure too: writers that keep going would outlive the test (and the pool) in the forked JVM.
        stop.set(true);
      }
      for (Thread w : writers) {
        w.join(Duration.ofSeconds(30).toMillis());
        assertThat(w.isAlive()).as(() -> w.getName() + " finished; it is stuck at " + stackOf(w)).isFalse();
      }
    }

    assertThat(unexpected).as("errors other than failover outcomes").isEmpty();
    assertThat(failoverErrors.get()).as("the writers went through failovers").isPositive();
    // Set differences, not AssertJ's containsAll, which scans the actual collection once per expected element:
    // quadratic in the number of writes, so a longer soak would spend minutes in the check alone.
    Set<Long> present = ledger();
    Set<Long> lost = new HashSet<>(confirmed);
    lost.removeAll(present);
    assertThat(lost).as("acknowledged writes missing from the table (of " + confirmed.size() + ")").isEmpty();
    Set<Long> unexplained = new HashSet<>(present);
    unexplained.removeAll(confirmed);
    unexplained.removeAll(unknown);
    assertThat(unexplained).as("rows no acknowledged or 08xxx write explains (of " + present.size() + ")").isEmpty();
    // Nothing the pool, the driver or the target drivers started may outlive the pool: every thread that was not
    // there before and is not the embedded cluster's own must end, and the server must see no client socket.
    ServedCluster.poll(Duration.ofSeconds(15), () -> newThreads(before).isEmpty(),
        () -> "no thread left behind by the pool or the driver; left: " + newThreads(before));
    ServedCluster.poll(Duration.ofSeconds(15), () -> served.clientSockets() == 0, "no client sockets");
    // Monitors retire a moment after their last connection left (they linger so read/write switches reuse them).
    ServedCluster.poll(Duration.ofSeconds(15), () -> HostMonitors.activeMonitors(served.clusterId) == 0,
        "no failure monitor left");
    for (String id : served.instances().keySet()) {
      var endpoint = served.instances().get(id);
      var host = dev.borealis.jdbc.spi.HostSpec.of(endpoint.ip(), endpoint.port());
      assertThat(dev.borealis.jdbc.tracker.ConnectionTracker.openConnections(served.clusterId, host))
          .as("tracked connections on " + id).isZero();
    }
  }

  /**
   * Live threads that did not exist in {@code before}, other than the embedded cluster's (server, instances) and
   * the JVM's own (the system group: e.g. the Attach Listener a {@code jcmd} thread dump starts).
   */
  private List<String> newThreads(Set<Thread> before) {
    String clusterThreads = "borealis-" + served.cluster.name() + "-";
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && !before.contains(t) && !t.getName().startsWith(clusterThreads))
        .filter(t -> t.getThreadGroup() == null || !"system".equals(t.getThreadGroup().getName()))
        .map(t -> t.getName() + " " + stackOf(t))
        .toList();
  }

  private static String stackOf(Thread t) {
    StringBuilder sb = new StringBuilder(t.getState().toString());
    for (StackTraceElement e : t.getStackTrace()) {
      sb.append("\n    at ").append(e);
    }
    return sb.toString();
  }

  private HikariConfig config() {
    HikariConfig c = new HikariConfig();
    c.setPoolName("soak");
    c.setJdbcUrl(served.url(""));
    c.setMaximumPoolSize(THREADS);
    c.setAutoCommit(false);
    c.setConnectionTimeout(20_000);
    c.setValidationTimeout(1_000);
    c.setExceptionOverrideClassName("dev.borealis.jdbc.hikari.BorealisExceptionOverride");
    return c;
  }

  private static void write(HikariDataSource pool, long base, AtomicBoolean stop, Set<Long> confirmed,
      Set<Long> unknown, Queue<SQLException> unexpected, AtomicInteger failoverErrors, AtomicLong progress) {
    long seq = 0;
    while (!stop.get()) {
      long id = base + seq++;
      try (Connection c = pool.getConnection();
          PreparedStatement ps = c.prepareStatement("INSERT INTO ledger VALUES (?)")) {
        ps.setLong(1, id);
        ps.executeUpdate();
        c.commit();
        confirmed.add(id);
        progress.incrementAndGet();
      } catch (SQLException e) {
        if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
          unknown.add(id);
          failoverErrors.incrementAndGet();
        } else {
          unexpected.add(e);
        }
      }
    }
  }

  private Set<Long> ledger() throws SQLException {
    Set<Long> ids = new HashSet<>();
    long rows = 0;
    try (Connection c = served.connect(""); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM ledger")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
        rows++;
      }
    }
    assertThat(rows).as("no id twice").isEqualTo(ids.size());
    return ids;
  }
}

package dev.borealis.jdbc.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.borealis.cluster.Engine;
import dev.borealis.jdbc.FailoverSuccessException;
import dev.borealis.jdbc.TransactionStateUnknownException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Writer-crash behaviour every engine must show; subclasses pick the engine. */
abstract class WriterCrashContract {

  protected ServedCluster served;

  protected abstract Engine engine();

  @BeforeEach
  void start() throws Exception {
    served = ServedCluster.start(engine(), 2);
    try (Connection c = served.connect(""); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
    }
  }

  @AfterEach
  void stop() {
    served.close();
  }

  @Test
  void writerCrashDuringAutocommitWritesFailsOverWith08S02AndTheRetriedWriteLandsOnTheNewWriter()
      throws Exception {
    try (Connection c = served.connect("")) {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO t VALUES (1)");
      }
      String old = served.crashWriter();

      SQLException e = catchThrowableOfType(SQLException.class, () -> insert(c, 2));

      assertThat((Throwable) e).isInstanceOf(FailoverSuccessException.class);
      assertThat(e.getSQLState()).isEqualTo("08S02");
      insert(c, 2);
      assertThat(served.instanceOf(c)).isNotEqualTo(old).isEqualTo(served.writerId());
      assertThat(c.getAutoCommit()).isTrue();
      try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(2);
      }
    }
  }

  /**
   * The driver itself aborts physical connections (failure monitoring, the connection tracker): the next call on the
   * application's connection, still open, fails over to a new physical connection instead of failing as closed.
   */
  @Test
  void aPhysicalConnectionAbortedUnderTheApplicationFailsOverWith08S02() throws Exception {
    try (Connection c = served.connect("")) {
      insert(c, 1);
      String writer = served.instanceOf(c);
      Connection physical = (Connection) c.unwrap(physicalType());
      physical.abort(Runnable::run);

      SQLException e = catchThrowableOfType(SQLException.class, () -> insert(c, 2));

      assertThat((Throwable) e).isInstanceOf(FailoverSuccessException.class);
      assertThat(e.getSQLState()).isEqualTo("08S02");
      assertThat(c.isClosed()).isFalse();
      insert(c, 2);
      assertThat(served.instanceOf(c)).isEqualTo(writer);
      assertThat(c.unwrap(physicalType())).isNotSameAs(physical);
    }
  }

  /**
   * The driver aborts a connection while a statement waits on it (what failure monitoring does to a statement stuck
   * on a silent instance): the statement fails over. Today's Connector/J and pgJDBC report such a statement as a
   * lost connection; the failover plugin also treats any failure on a physical connection closed under an open
   * logical one as lost, for target drivers that say "closed" instead (no connection-class SQLSTATE).
   */
  @Test
  void aStatementInFlightWhenTheDriverAbortsItsConnectionFailsOverWith08S02() throws Exception {
    java.util.concurrent.ExecutorService app = java.util.concurrent.Executors.newSingleThreadExecutor(
        r -> new Thread(r, "aborted-in-flight-app"));
    // the failure count alone would take far longer than this test: the abort below is the only one
    try (Connection c = served.connect("failureDetectionCount=100")) {
      insert(c, 1);
      String writer = served.instanceOf(c);
      Connection physical = (Connection) c.unwrap(physicalType());
      served.server.inject(writer, dev.borealis.cluster.server.NetworkFault.BLACKHOLE);
      java.util.concurrent.Future<String> stuck = ServedCluster.sqlStateOf(app, () -> insert(c, 2));
      ServedCluster.poll(java.time.Duration.ofSeconds(10), () -> blockedInARead("aborted-in-flight-app"),
          "the insert waits in a socket read on the silent writer");
      physical.abort(Runnable::run);
      served.healAll();

      assertThat(stuck.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("08S02");
      insert(c, 3); // not 2: the server got that insert before it went silent (08S02 on a write: maybe applied)
      assertThat(served.instanceOf(c)).isEqualTo(writer);
    } finally {
      app.shutdownNow();
      served.healAll();
    }
  }

  private static boolean blockedInARead(String threadName) {
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(e -> e.getKey().getName().equals(threadName))
        .flatMap(e -> java.util.Arrays.stream(e.getValue()))
        .anyMatch(f -> f.getMethodName().contains("read") && (f.getClassName().contains("Socket")
            || f.getClassName().contains("NioSocketImpl")));
  }

  /** The target driver's connection type, to reach the physical connection under the logical one. */
  protected abstract Class<?> physicalType();

  @Test
  void writerCrashInsideATransactionFailsOverWith08007() throws Exception {
    try (Connection c = served.connect("")) {
      c.setAutoCommit(false);
      insert(c, 10);
      served.crashWriter();

      SQLException e = catchThrowableOfType(SQLException.class, () -> insert(c, 11));

      assertThat((Throwable) e).isInstanceOf(TransactionStateUnknownException.class);
      assertThat(e.getSQLState()).isEqualTo("08007");
      c.rollback();
      assertThat(c.getAutoCommit()).as("session state restored").isFalse();
      insert(c, 10);
      insert(c, 11);
      c.commit();
      try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(2);
      }
    }
  }

  @Test
  void aClientThatNeverSawTheClusterConnectingWhileTheWriterIsDownWaitsForTheNewWriter() throws Exception {
    String url = served.urlForUnseenCluster();
    String old = served.crashWriter();

    try (Connection c = java.sql.DriverManager.getConnection(url)) {
      insert(c, 30);
      assertThat(served.instanceOf(c)).isNotEqualTo(old).isEqualTo(served.writerId());
    }
  }

  @Test
  void aReaderAddedAtRuntimeIsDiscoveredServesReadsAndIsPromotedByTierWithTheDriverFollowing() throws Exception {
    String url = served.clusterEndpointUrl("clusterTopologyRefreshRateMs=100&readerHostSelectorStrategy=roundRobin");
    try (Connection writer = java.sql.DriverManager.getConnection(url)) {
      insert(writer, 40);
      // The initial readers have tier 1; tier 0 promotes first.
      served.cluster.addReader("added", 0);
      assertThat(served.cluster.awaitAvailable("added", java.time.Duration.ofSeconds(20))).isTrue();
      ServedCluster.poll(java.time.Duration.ofSeconds(20), () -> dev.borealis.jdbc.topology.ClusterRegistry
          .find(served.byNameClusterId()).orElseThrow().topology().readers().stream()
          .anyMatch(h -> "added".equals(h.instanceId())), "the driver's topology lists the added reader");

      java.util.Set<String> readersUsed = new java.util.HashSet<>();
      java.util.List<Connection> held = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < 6 && !readersUsed.contains("added"); i++) {
          Connection r = java.sql.DriverManager.getConnection(url);
          held.add(r);
          r.setReadOnly(true);
          readersUsed.add(served.instanceOf(r));
        }
      } finally {
        for (Connection r : held) {
          r.close();
        }
      }
      assertThat(readersUsed).as("read-only connections spread over the readers").contains("added");

      String old = served.crashWriter();
      ServedCluster.poll(java.time.Duration.ofSeconds(20), () -> "added".equals(served.cluster.topology().writerId()),
          "the cluster promotes the tier-0 reader");
      SQLException e = catchThrowableOfType(SQLException.class, () -> insert(writer, 41));

      assertThat(e.getSQLState()).isEqualTo("08S02");
      insert(writer, 41);
      assertThat(served.instanceOf(writer)).isEqualTo("added").isNotEqualTo(old);
    }
  }

  static void insert(Connection c, int id) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO t VALUES (" + id + ")");
    }
  }
}

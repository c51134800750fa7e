package dev.borealis.jdbc.readwrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.borealis.jdbc.fake.FakeCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadWriteSplittingTest {

  private FakeCluster cluster;

  @BeforeEach
  void start() throws SQLException {
    cluster = FakeCluster.aurora("rw", "w1", "r1", "r2");
  }

  @AfterEach
  void stop() throws SQLException {
    cluster.close();
  }

  private Connection connect(String query) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", FakeCluster.USER);
    p.setProperty("password", FakeCluster.PASSWORD);
    return DriverManager.getConnection(cluster.url(query), p);
  }

  @Test
  void writesLandOnTheWriter() throws SQLException {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO items VALUES (1, 'a')");
      assertThat(FakeCluster.serverId(c)).isEqualTo("w1");
    }
    assertThat(cluster.itemCount("w1")).isEqualTo(1);
    assertThat(cluster.itemCount("r1") + cluster.itemCount("r2")).isZero();
  }

  @Test
  void setReadOnlyTrueMovesToAReaderAndFalseBack() throws SQLException {
    try (Connection c = connect("")) {
      c.setReadOnly(true);
      assertThat(FakeCluster.serverId(c)).isIn("r1", "r2");
      c.setReadOnly(false);
      assertThat(FakeCluster.serverId(c)).isEqualTo("w1");
    }
  }

  /**
   * The topology still names a writer the cluster has demoted (it is read again only later): moving to the writer
   * must not settle on that instance, now a reader, where a read-write session would read stale data.
   */
  @Test
  void movingToTheWriterSkipsAWriterTheClusterDemotedSinceTheTopologyWasRead() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", FakeCluster.USER);
    p.setProperty("password", FakeCluster.PASSWORD);
    try (Connection c = DriverManager.getConnection("jdbc:borealis:fake://" + cluster.readerEndpoint() + "/app", p)) {
      c.setReadOnly(true);
      assertThat(FakeCluster.serverId(c)).isIn("r1", "r2");
      cluster.failover("r2"); // w1 is a reader now; the driver's topology still says w1 is the writer

      c.setReadOnly(false);

      assertThat(FakeCluster.serverId(c)).isEqualTo("r2");
    }
  }

  @Test
  void theReaderConnectionIsCachedPerLogicalConnection() throws SQLException {
    try (Connection c = connect("")) {
      c.setReadOnly(true);
      Connection firstReader = c.unwrap(org.h2.jdbc.JdbcConnection.class);
      String firstId = FakeCluster.serverId(c);
      c.setReadOnly(false);
      c.setReadOnly(true);
      assertThat(c.unwrap(org.h2.jdbc.JdbcConnection.class)).isSameAs(firstReader);
      assertThat(FakeCluster.serverId(c)).isEqualTo(firstId);
    }
  }

  @Test
  void sessionStateFollowsTheSwitch() throws SQLException {
    try (Connection c = connect("")) {
      c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      c.setReadOnly(true);
      assertThat(c.unwrap(org.h2.jdbc.JdbcConnection.class).getTransactionIsolation())
          .isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
    }
  }

  @Test
  void switchingInsideATransactionIsRefused() throws SQLException {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.executeUpdate("INSERT INTO items VALUES (2, 'b')");
      assertThatThrownBy(() -> c.setReadOnly(true)).isInstanceOf(SQLException.class)
          .hasMessageContaining("inside a transaction").extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("25001");
      c.commit();
      c.setReadOnly(true);
      assertThat(FakeCluster.serverId(c)).isIn("r1", "r2");
    }
  }

  @Test
  void aRollbackEndsTheTransactionSoAPoolCanResetReadOnly() throws SQLException {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      c.setReadOnly(true);
      c.setAutoCommit(false);
      s.executeQuery("SELECT 1").close();
      c.rollback(); // what HikariCP does before it resets a dirty connection
      c.setReadOnly(false);
      assertThat(FakeCluster.serverId(c)).isEqualTo("w1");
    }
  }

  @Test
  void autocommitOffWithoutAStatementIsNotYetATransaction() throws SQLException {
    try (Connection c = connect("")) {
      c.setAutoCommit(false);
      c.setReadOnly(true);
      assertThat(FakeCluster.serverId(c)).isIn("r1", "r2");
      assertThat(c.getAutoCommit()).isFalse();
    }
  }

  @Test
  void readOnlyBeforeAutocommitOffWorksLikeSpringReadOnlyTransactions() throws SQLException {
    try (Connection c = connect("")) {
      c.setReadOnly(true);
      c.setAutoCommit(false);
      assertThat(FakeCluster.serverId(c)).isIn("r1", "r2");
      c.commit();
      c.setAutoCommit(true);
      c.setReadOnly(false);
      assertThat(FakeCluster.serverId(c)).isEqualTo("w1");
    }
  }

  @Test
  void leastConnectionsSpreadsOpenReadOnlyConnectionsEvenly() throws SQLException {
    java.util.List<Connection> open = new java.util.ArrayList<>();
    java.util.Map<String, Integer> perReader = new java.util.HashMap<>();
    try {
      for (int i = 0; i < 6; i++) {
        Connection c = connect("readerHostSelectorStrategy=leastConnections");
        open.add(c);
        c.setReadOnly(true);
        perReader.merge(FakeCluster.serverId(c), 1, Integer::sum);
      }
    } finally {
      for (Connection c : open) {
        c.close();
      }
    }
    assertThat(perReader).containsEntry("r1", 3).containsEntry("r2", 3);
  }

  @Test
  void roundRobinFollowsTheConfiguredWeights() throws SQLException {
    java.util.Map<String, Integer> perReader = new java.util.HashMap<>();
    for (int i = 0; i < 8; i++) {
      try (Connection c = connect("readerHostSelectorStrategy=roundRobin&roundRobinHostWeightPairs=r1:3")) {
        c.setReadOnly(true);
        perReader.merge(FakeCluster.serverId(c), 1, Integer::sum);
      }
    }
    assertThat(perReader).containsEntry("r1", 6).containsEntry("r2", 2);
  }

  @Test
  void aReaderOverMaxReplicaLagGetsNoNewConnections() throws SQLException {
    cluster.setLag("r1", 5_000);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      try (Connection c = connect("maxReplicaLagMs=1000")) {
        c.setReadOnly(true);
        seen.add(FakeCluster.serverId(c));
      }
    }
    assertThat(seen).containsExactly("r2");
  }

  @Test
  void whenNoReaderQualifiesTheConnectionStaysOnTheWriter() throws SQLException {
    cluster.setLag("r1", 5_000);
    cluster.setLag("r2", 5_000);
    try (Connection c = connect("maxReplicaLagMs=1000")) {
      c.setReadOnly(true);
      assertThat(FakeCluster.serverId(c)).isEqualTo("w1");
    }
  }

  @Test
  void withoutFallbackNoQualifyingReaderFails() throws SQLException {
    cluster.setLag("r1", 5_000);
    cluster.setLag("r2", 5_000);
    try (Connection c = connect("maxReplicaLagMs=1000&readerFallbackToWriter=false")) {
      assertThatThrownBy(() -> c.setReadOnly(true)).isInstanceOf(SQLException.class)
          .hasMessageContaining("no reader available").extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("08001");
    }
  }

  @Test
  void closingTheLogicalConnectionClosesCachedPhysicalConnections() throws SQLException {
    Connection c = connect("");
    c.setReadOnly(true);
    String reader = FakeCluster.serverId(c);
    assertThat(cluster.sessions(reader)).isEqualTo(1);
    c.close();
    assertThat(cluster.sessions(reader)).isZero();
    assertThat(cluster.sessions("w1")).isZero();
  }
}

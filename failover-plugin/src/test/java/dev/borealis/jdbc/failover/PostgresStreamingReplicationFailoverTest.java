package dev.borealis.jdbc.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.borealis.jdbc.FailoverSuccessException;
import dev.borealis.jdbc.postgres.replication.StreamingReplication;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plain-PostgreSQL dialect with the failover plugin against real streaming replication (Debian's server
 * binaries; skipped when they are missing): the primary stops, an operator promotes a standby with
 * {@code pg_promote()}, and the application's connection follows it.
 */
class PostgresStreamingReplicationFailoverTest {

  private StreamingReplication replication;

  @BeforeEach
  void startServers() throws Exception {
    replication = StreamingReplication.start(2);
  }

  @AfterEach
  void stopServers() {
    if (replication != null) {
      replication.close();
    }
  }

  @Test
  void stoppingThePrimaryAndPromotingAStandbyWithPgPromoteFailsOverWith08S02AndWritesLandOnIt() throws Exception {
    StreamingReplication.Server primary = replication.primary();
    StreamingReplication.Server promoted = replication.standbys().get(0);
    try (Connection c = connect()) {
      execute(c, "CREATE TABLE orders (id INT PRIMARY KEY)");
      execute(c, "INSERT INTO orders VALUES (1)");
      assertThat(serverPort(c)).isEqualTo(primary.port());
      // Streaming replication is asynchronous: what the standby has not received is lost with the primary.
      awaitReplicated(promoted);

      replication.stopServer(primary.index());
      try (Connection standby = replication.connect(promoted); Statement s = standby.createStatement();
          ResultSet rs = s.executeQuery("SELECT pg_promote()")) {
        rs.next();
        assertThat(rs.getBoolean(1)).as("pg_promote() on " + promoted.hostAndPort()).isTrue();
      }

      SQLException e = catchThrowableOfType(SQLException.class, () -> execute(c, "INSERT INTO orders VALUES (2)"));

      assertThat((Throwable) e).isInstanceOf(FailoverSuccessException.class);
      assertThat(e.getSQLState()).isEqualTo("08S02");
      execute(c, "INSERT INTO orders VALUES (2)");
      assertThat(serverPort(c)).isEqualTo(promoted.port());
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM orders")) {
        rs.next();
        assertThat(rs.getLong(1)).as("the row replicated before the stop plus the one after").isEqualTo(2);
      }
    }
  }

  /** Every server in the URL, primary first; a cluster id of its own so no other test's topology applies. */
  private Connection connect() throws SQLException {
    StringBuilder hosts = new StringBuilder();
    for (StreamingReplication.Server s : replication.servers()) {
      hosts.append(hosts.length() == 0 ? "" : ",").append(s.hostAndPort());
    }
    String url = "jdbc:borealis:postgresql://" + hosts + "/postgres?sslmode=disable&failoverTimeoutMs=30000"
        + "&clusterId=pg-streaming-failover-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    return DriverManager.getConnection(url, StreamingReplication.USER, "");
  }

  private void awaitReplicated(StreamingReplication.Server standby) throws SQLException {
    try (Connection s = replication.connect(standby)) {
      ServedCluster.poll(java.time.Duration.ofSeconds(20), () -> {
        try (Statement st = s.createStatement();
            ResultSet rs = st.executeQuery("SELECT count(*) FROM orders WHERE id = 1")) {
          rs.next();
          return rs.getLong(1) == 1;
        } catch (SQLException e) {
          return false; // 42P01 until the CREATE TABLE arrives
        }
      }, "row 1 replicated to " + standby.hostAndPort());
    }
  }

  private static int serverPort(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT inet_server_port()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}

package dev.borealis.jdbc.postgres.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.borealis.jdbc.spi.HostRole;
import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.topology.ClusterRegistry;
import dev.borealis.jdbc.topology.ClusterTopology;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plain PostgreSQL dialect against real streaming replication (a primary and two standbys): the hosts come from
 * the URL, the primary is the one not in recovery, reads go to the standbys and writes to the primary. The URL lists
 * a standby first, so nothing works by the accident of host order.
 */
class PostgresReplicationRoutingTest {

  private static StreamingReplication replication;

  @BeforeAll
  static void startServers() throws Exception {
    replication = StreamingReplication.start(2);
  }

  @AfterAll
  static void stopServers() {
    if (replication != null) {
      replication.close();
    }
  }

  @Test
  void theDialectIsDetectedAndTheTopologyProbedFromTheUrlHosts() throws SQLException {
    String id = "pg-replication-topology";
    try (Connection c = connect(id, "")) {
      ClusterTopology cluster = ClusterRegistry.find(id).orElseThrow();
      assertThat(cluster.dialect().code()).isEqualTo("postgresql");
      List<HostSpec> hosts = cluster.topology().hosts();
      assertThat(hosts.stream().filter(h -> h.role() == HostRole.WRITER).map(HostSpec::hostAndPort))
          .containsExactly(replication.primary().hostAndPort());
      assertThat(cluster.topology().readers().stream().map(HostSpec::hostAndPort).collect(Collectors.toSet()))
          .isEqualTo(standbyAddresses());
    }
  }

  @Test
  void writesGoToThePrimaryAndReadOnlyConnectionsToTheStandbys() throws Exception {
    try (Connection c = connect("pg-replication-routing", "readerHostSelectorStrategy=roundRobin")) {
      assertThat(serverPort(c)).isEqualTo(replication.primary().port());
      assertThat(inRecovery(c)).isFalse();
      execute(c, "CREATE TABLE IF NOT EXISTS visits (id INT PRIMARY KEY)");
      execute(c, "INSERT INTO visits VALUES (1) ON CONFLICT DO NOTHING");

      c.setReadOnly(true);
      assertThat(inRecovery(c)).as("read-only connection on a standby").isTrue();
      assertThat(standbyPorts()).contains(serverPort(c));
      awaitReplicated(c);

      c.setReadOnly(false);
      assertThat(serverPort(c)).isEqualTo(replication.primary().port());
      execute(c, "INSERT INTO visits VALUES (2) ON CONFLICT DO NOTHING");
    }
  }

  @Test
  void readOnlyConnectionsUseBothStandbys() throws SQLException {
    List<Connection> held = new ArrayList<>();
    Set<Integer> ports = new HashSet<>();
    try {
      for (int i = 0; i < 4; i++) {
        Connection c = connect("pg-replication-spread", "readerHostSelectorStrategy=roundRobin");
        held.add(c);
        c.setReadOnly(true);
        ports.add(serverPort(c));
      }
    } finally {
      for (Connection c : held) {
        c.close();
      }
    }
    assertThat(ports).isEqualTo(standbyPorts());
  }

  // ---------------------------------------------------------------- helpers

  /** Standby first, then the primary, then the other standby. */
  private static Connection connect(String clusterId, String query) throws SQLException {
    List<StreamingReplication.Server> s = replication.servers();
    String hosts = s.get(1).hostAndPort() + "," + s.get(0).hostAndPort() + "," + s.get(2).hostAndPort();
    String url = "jdbc:borealis:postgresql://" + hosts + "/postgres?sslmode=disable&clusterId=" + clusterId
        + (query.isEmpty() ? "" : "&" + query);
    return DriverManager.getConnection(url, StreamingReplication.USER, "");
  }

  private static Set<String> standbyAddresses() {
    return replication.standbys().stream().map(StreamingReplication.Server::hostAndPort).collect(Collectors.toSet());
  }

  private static Set<Integer> standbyPorts() {
    return replication.standbys().stream().map(StreamingReplication.Server::port).collect(Collectors.toSet());
  }

  private static int serverPort(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT inet_server_port()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static boolean inRecovery(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** Streaming replication is asynchronous: poll the standby until the primary's row arrives. */
  private static void awaitReplicated(Connection standby) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      try (Statement s = standby.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM visits WHERE id = 1")) {
        rs.next();
        if (rs.getLong(1) == 1) {
          return;
        }
      } catch (SQLException e) {
        if (!"42P01".equals(e.getSQLState()) || System.nanoTime() > deadline) {
          throw e;
        }
      }
      assertThat(System.nanoTime()).as("row replicated to the standby within 10 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}

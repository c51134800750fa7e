package dev.borealis.jdbc.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.borealis.jdbc.fake.FakeCluster;
import dev.borealis.jdbc.topology.ClusterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConnectionTrackerTest {

  private static Connection connect(FakeCluster cluster) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", FakeCluster.USER);
    p.setProperty("password", FakeCluster.PASSWORD);
    return DriverManager.getConnection(cluster.url(""), p);
  }

  @Test
  void connectionsLeftOnADemotedWriterAreClosed() throws SQLException {
    try (FakeCluster cluster = FakeCluster.aurora("track", "w1", "r1");
        Connection onWriter = connect(cluster); Connection onReader = connect(cluster)) {
      onReader.setReadOnly(true);
      assertThat(cluster.sessions("w1")).isEqualTo(2); // onWriter and onReader's cached writer
      String id = "fake://" + cluster.clusterEndpoint() + ":5555/app";
      cluster.failover("r1");
      ClusterRegistry.find(id).orElseThrow().refresh();
      assertThat(onWriter.unwrap(org.h2.jdbc.JdbcConnection.class).isClosed()).isTrue();
      assertThat(FakeCluster.serverId(onReader)).isEqualTo("r1");
    }
  }
}

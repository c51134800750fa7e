package dev.borealis.jdbc.customendpoint;

import static dev.borealis.jdbc.customendpoint.CustomEndpointCluster.REFRESH_MS;
import static dev.borealis.jdbc.customendpoint.CustomEndpointCluster.monitorRunning;
import static dev.borealis.jdbc.customendpoint.CustomEndpointCluster.poll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.borealis.cluster.CustomEndpoint;
import dev.borealis.cluster.CustomEndpointType;
import dev.borealis.cluster.Engine;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The customEndpoint plugin against the embedded cluster: a READER custom endpoint over two of three readers.
 */
class CustomEndpointPluginTest {

  @ParameterizedTest
  @EnumSource(Engine.class)
  void readsRunOnlyOnMembers(Engine engine) throws Exception {
    try (CustomEndpointCluster c = CustomEndpointCluster.start(engine, 3)) {
      List<String> readers = c.readers();
      c.cluster.createCustomEndpoint(CustomEndpoint.ofMembers("reads", CustomEndpointType.READER,
          readers.get(0), readers.get(1)));
      Set<String> seen = new HashSet<>();
      List<Connection> open = new ArrayList<>();
      try {
        for (int i = 0; i < 12; i++) {
          Connection conn = c.connect("reads");
          open.add(conn);
          seen.add(c.instanceOf(conn));
          conn.setReadOnly(true);
          seen.add(c.instanceOf(conn));
        }
      } finally {
        for (Connection conn : open) {
          conn.close();
        }
      }
      assertThat(seen).isSubsetOf(readers.get(0), readers.get(1)).isNotEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void membershipChangeIsFollowedWithinOneRefresh(Engine engine) throws Exception {
    try (CustomEndpointCluster c = CustomEndpointCluster.start(engine, 3)) {
      List<String> readers = c.readers();
      c.cluster.createCustomEndpoint(CustomEndpoint.ofMembers("moving", CustomEndpointType.READER, readers.get(0)));
      try (Connection conn = c.connect("moving")) {
        conn.setReadOnly(true);
        assertThat(c.instanceOf(conn)).isEqualTo(readers.get(0));
        long start = System.nanoTime();
        c.cluster.modifyCustomEndpoint(CustomEndpoint.ofMembers("moving", CustomEndpointType.READER, readers.get(2)));
        poll(Duration.ofSeconds(5), () -> {
          try {
            return c.instanceOf(conn).equals(readers.get(2));
          } catch (SQLException e) {
            throw new AssertionError(e);
          }
        }, "the connection moves to the new member");
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // one refresh period, plus the HTTP read and the reconnect on a 2-core machine shared with other builds
        assertThat(ms).as("ms to follow the change").isLessThan(REFRESH_MS + 1_500);
      }
      try (Connection fresh = c.connect("moving")) {
        assertThat(c.instanceOf(fresh)).as("a new connection, whatever the endpoint's DNS says yet")
            .isEqualTo(readers.get(2));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aCachedReaderThatLeftTheSetIsNotReused(Engine engine) throws Exception {
    try (CustomEndpointCluster c = CustomEndpointCluster.start(engine, 2)) {
      String writer = c.cluster.writer().id();
      List<String> readers = c.readers();
      c.cluster.createCustomEndpoint(CustomEndpoint.ofMembers("mixed", CustomEndpointType.ANY, writer, readers.get(0)));
      try (Connection conn = c.connect("mixed")) {
        conn.setReadOnly(true);
        assertThat(c.instanceOf(conn)).isEqualTo(readers.get(0));
        conn.setReadOnly(false);
        assertThat(c.instanceOf(conn)).isEqualTo(writer);
        c.cluster.modifyCustomEndpoint(CustomEndpoint.ofMembers("mixed", CustomEndpointType.ANY, writer, readers.get(1)));
        poll(Duration.ofSeconds(5), () -> {
          try (Connection probe = c.connect("mixed")) {
            probe.setReadOnly(true);
            return c.instanceOf(probe).equals(readers.get(1));
          } catch (SQLException e) {
            throw new AssertionError(e);
          }
        }, "the monitor reads the new list");
        assertThat(c.instanceOf(conn)).as("on the writer, which stays a member, having seen the new list").isEqualTo(writer);
        conn.setReadOnly(true);
        assertThat(c.instanceOf(conn)).as("not the cached reader that left the set").isEqualTo(readers.get(1));
        conn.setReadOnly(false);
        assertThat(c.instanceOf(conn)).isEqualTo(writer);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void failoverStaysInsideTheSet(Engine engine) throws Exception {
    try (CustomEndpointCluster c = CustomEndpointCluster.start(engine, 3)) {
      List<String> readers = c.readers();
      c.cluster.createCustomEndpoint(CustomEndpoint.ofMembers("pair", CustomEndpointType.READER,
          readers.get(0), readers.get(1)));
      try (Connection conn = c.connect("pair")) {
        conn.setReadOnly(true);
        String before = c.instanceOf(conn);
        String other = before.equals(readers.get(0)) ? readers.get(1) : readers.get(0);
        c.cluster.crash(before);
        assertThatThrownBy(() -> c.instanceOf(conn)).isInstanceOf(SQLException.class)
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08S02"));
        assertThat(c.instanceOf(conn)).isEqualTo(other);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void writerFailoverThroughAnAnyEndpointLandsOnTheMemberThatWasPromoted(Engine engine) throws Exception {
    try (CustomEndpointCluster c = CustomEndpointCluster.start(engine, 2)) {
      String writer = c.cluster.writer().id();
      List<String> readers = c.readers();
      c.cluster.createCustomEndpoint(CustomEndpoint.allExcept("rw", CustomEndpointType.ANY, readers.get(1)));
      try (Connection conn = c.connect("rw")) {
        conn.setReadOnly(false);
        assertThat(c.instanceOf(conn)).isEqualTo(writer);
        c.cluster.failover(readers.get(0));
        assertThatThrownBy(() -> c.instanceOf(conn)).isInstanceOf(SQLException.class)
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08S02"));
        assertThat(c.instanceOf(conn)).isEqualTo(readers.get(0));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void withoutWaitingAConnectionOpensAtOnceAndIsNarrowedWhenTheListArrives(Engine engine) throws Exception {
    try (CustomEndpointCluster c = CustomEndpointCluster.start(engine, 2)) {
      List<String> readers = c.readers();
      c.cluster.createCustomEndpoint(CustomEndpoint.ofMembers("late", CustomEndpointType.READER, readers.get(1)));
      try (Connection conn = DriverManager.getConnection(c.url("late", "waitForCustomEndpointInfo=false"))) {
        poll(Duration.ofSeconds(5), () -> {
          try {
            conn.setReadOnly(false);
          } catch (SQLException expected) {
            // a READER endpoint has no writer once the list is known
            return true;
          }
          return false;
        }, "the member list narrows the connection");
        conn.setReadOnly(true);
        assertThat(c.instanceOf(conn)).isEqualTo(readers.get(1));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void monitorThreadEndsWhenTheLastConnectionCloses(Engine engine) throws Exception {
    try (CustomEndpointCluster c = CustomEndpointCluster.start(engine, 2)) {
      c.cluster.createCustomEndpoint(CustomEndpoint.allExcept("all", CustomEndpointType.ANY));
      Connection first = c.connect("all");
      Connection second = c.connect("all");
      assertThat(monitorRunning("all")).isTrue();
      first.close();
      assertThat(monitorRunning("all")).as("still used by the second connection").isTrue();
      second.close();
      poll(Duration.ofSeconds(10), () -> !monitorRunning("all"), "the monitor thread ends");
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void badSettingsFailTheConnectNamingTheProblem(Engine engine) throws Exception {
    try (CustomEndpointCluster c = CustomEndpointCluster.start(engine, 1)) {
      c.cluster.createCustomEndpoint(CustomEndpoint.allExcept("bad", CustomEndpointType.ANY));
      String url = c.url("bad", "");
      assertThatThrownBy(() -> DriverManager.getConnection(url.replaceAll("&customEndpointInfoUrl=[^&]*", "")))
          .isInstanceOf(SQLException.class).hasMessageContaining("customEndpointInfoUrl is required")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("HY024"));
      assertThatThrownBy(() -> DriverManager.getConnection(url.replace("customEndpointInfoRefreshRateMs=200",
          "customEndpointInfoRefreshRateMs=often")))
          .isInstanceOf(SQLException.class).hasMessageContaining("customEndpointInfoRefreshRateMs");
      var writer = c.server.instanceEndpoint(c.cluster.writer().id());
      assertThatThrownBy(() -> DriverManager.getConnection(c.url(writer.host(), writer.port(), "")))
          .isInstanceOf(SQLException.class).hasMessageContaining("is not an Aurora custom endpoint");
      int closedPort;
      try (ServerSocket s = new ServerSocket(0)) {
        closedPort = s.getLocalPort();
      }
      String unreachable = url.replaceAll("customEndpointInfoUrl=[^&]*", "customEndpointInfoUrl=http://127.0.0.1:"
          + closedPort + "/") + "&waitForCustomEndpointInfoTimeoutMs=300";
      assertThatThrownBy(() -> DriverManager.getConnection(unreachable))
          .isInstanceOf(SQLException.class).hasMessageContaining("no member list for custom endpoint bad within 300 ms")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
      poll(Duration.ofSeconds(10), () -> !monitorRunning("bad"), "no monitor thread after failed connects");
    }
  }
}

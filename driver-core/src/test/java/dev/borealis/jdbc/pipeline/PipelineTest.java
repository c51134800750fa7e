package dev.borealis.jdbc.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.borealis.jdbc.fake.FakeCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PipelineTest {

  private FakeCluster cluster;

  @BeforeEach
  void start() throws SQLException {
    cluster = FakeCluster.aurora("pipe", "w1", "r1");
    RecordingPlugins.EVENTS.clear();
  }

  @AfterEach
  void stop() throws SQLException {
    cluster.close();
  }

  private Connection connect(String plugins) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", FakeCluster.USER);
    p.setProperty("password", FakeCluster.PASSWORD);
    return DriverManager.getConnection(cluster.url("wrapperPlugins=" + plugins), p);
  }

  @Test
  void orderComesFromStagesNotFromTheListOrder() throws SQLException {
    try (Connection c = connect("testObserver,testRouting"); Statement s = c.createStatement()) {
      RecordingPlugins.EVENTS.clear();
      s.executeQuery("SELECT 1").close();
    }
    assertThat(RecordingPlugins.EVENTS).startsWith("testRouting>STATEMENT_EXECUTE_QUERY",
        "testObserver>STATEMENT_EXECUTE_QUERY", "testObserver<STATEMENT_EXECUTE_QUERY",
        "testRouting<STATEMENT_EXECUTE_QUERY");
  }

  @Test
  void pluginsGetConnectAndConnectionChangedEventsAndClose() throws SQLException {
    try (Connection c = connect("testObserver")) {
      assertThat(c.isValid(1)).isTrue();
      assertThat(RecordingPlugins.EVENTS).containsExactly("testObserver:connect initial=true",
          "testObserver:connectionChanged -->w1");
    }
    assertThat(RecordingPlugins.EVENTS).endsWith("testObserver:close");
  }

  @Test
  void aMethodWithoutSubscribersGoesStraightToTheTarget() throws SQLException {
    try (Connection c = connect("testObserver"); Statement s = c.createStatement()) {
      RecordingPlugins.EVENTS.clear();
      try (ResultSet rs = s.executeQuery("SELECT 1")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
      assertThat(c.getAutoCommit()).isTrue();
      s.execute("SELECT 2");
    }
    assertThat(RecordingPlugins.EVENTS).filteredOn(e -> e.contains(">") || e.contains("<"))
        .containsExactly("testObserver>STATEMENT_EXECUTE_QUERY", "testObserver<STATEMENT_EXECUTE_QUERY");
  }

  @Test
  void subscribedSessionMethodsAreInterceptedToo() throws SQLException {
    try (Connection c = connect("testObserver")) {
      RecordingPlugins.EVENTS.clear();
      assertThat(c.getCatalog()).isNotNull();
    }
    assertThat(RecordingPlugins.EVENTS).contains("testObserver>CONNECTION_GET_CATALOG");
  }

  @Test
  void proceedingTwiceFailsWithANamedError() throws SQLException {
    try (Connection c = connect("testTwice")) {
      assertThatThrownBy(c::getCatalog).isInstanceOf(IllegalStateException.class)
          .hasMessage("plugin testTwice must call proceed() at most once (it called it twice for "
              + "Connection.getCatalog)");
    }
  }

  @Test
  void aResultOfTheWrongTypeFailsWithANamedError() throws SQLException {
    try (Connection c = connect("testWrongType")) {
      assertThatThrownBy(c::getCatalog).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("plugins [testWrongType] returned java.lang.Integer from Connection.getCatalog, "
              + "which must return String");
    }
  }

  @Test
  void layoutsAreSharedPerPluginSet() {
    var a = new RecordingPlugins.Recorder("x");
    var b = new RecordingPlugins.Recorder("y");
    Pipeline p1 = new Pipeline(List.of(a, b), null);
    Pipeline p2 = new Pipeline(List.of(new RecordingPlugins.Recorder("x"), new RecordingPlugins.Recorder("y")), null);
    assertThat(p1.direct(dev.borealis.jdbc.spi.JdbcMethod.RESULT_SET_NEXT)).isTrue();
    assertThat(p1.direct(dev.borealis.jdbc.spi.JdbcMethod.STATEMENT_EXECUTE_QUERY)).isFalse();
    assertThat(PipelineLayout.forPlugins(new dev.borealis.jdbc.spi.Plugin[] {a, b})).isSameAs(
        PipelineLayout.forPlugins(new dev.borealis.jdbc.spi.Plugin[] {
            new RecordingPlugins.Recorder("x"), new RecordingPlugins.Recorder("y")}));
    assertThat(PipelineLayout.forPlugins(new dev.borealis.jdbc.spi.Plugin[] {b, a}))
        .isNotSameAs(PipelineLayout.forPlugins(new dev.borealis.jdbc.spi.Plugin[] {a, b}));
    assertThat(p2.direct(dev.borealis.jdbc.spi.JdbcMethod.CONNECTION_GET_CATALOG)).isFalse();
  }
}

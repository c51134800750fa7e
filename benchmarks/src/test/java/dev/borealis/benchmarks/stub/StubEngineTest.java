package dev.borealis.benchmarks.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The stub target is what the JMH overhead benchmark assumes: found by Borealis, constant, and switchable. */
class StubEngineTest {

  private static final String URL = "jdbc:borealis:stub://" + StubDialect.WRITER + ":" + StubDialect.PORT + "/bench";

  @Test
  void borealisFindsTheStubEngineAndPassesConstantsThrough() throws SQLException {
    try (Connection c = new dev.borealis.jdbc.Driver().connect(URL, new Properties());
         Statement s = c.createStatement()) {
      assertThat(s.execute("SELECT 1")).isTrue();
      ResultSet rs = s.executeQuery("SELECT 1");
      for (int i = 0; i < 3; i++) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(StubResultSet.VALUE);
      }
      assertThat(c.unwrap(StubConnection.class).host()).isEqualTo(StubDialect.WRITER);
    }
  }

  @Test
  void defaultPluginsMoveTheConnectionToTheReaderAndBack() throws SQLException {
    try (Connection c = new dev.borealis.jdbc.Driver().connect(URL, new Properties())) {
      c.setReadOnly(true);
      assertThat(c.unwrap(StubConnection.class).host()).isEqualTo(StubDialect.READER);
      c.setReadOnly(false);
      assertThat(c.unwrap(StubConnection.class).host()).isEqualTo(StubDialect.WRITER);
    }
  }

  @Test
  void withoutPluginsReadOnlyOnlyFlagsTheSameConnection() throws SQLException {
    try (Connection c = new dev.borealis.jdbc.Driver().connect(URL + "?wrapperPlugins=", new Properties())) {
      c.setReadOnly(true);
      assertThat(c.unwrap(StubConnection.class).host()).isEqualTo(StubDialect.WRITER);
      assertThat(c.isReadOnly()).isTrue();
    }
  }

  @Test
  void aUrlWithoutHostIsRefusedWithSqlState08001() {
    assertThatThrownBy(() -> new StubDriver().connect("jdbc:stub:///db", new Properties()))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("names no host")
        .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08001");
  }

  @Test
  void otherUrlsAreDeclined() throws SQLException {
    assertThat(new StubDriver().connect("jdbc:postgresql://h/db", new Properties())).isNull();
  }
}

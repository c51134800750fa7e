package dev.borealis.jdbc.hikari;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import dev.borealis.jdbc.FailoverFailedException;
import dev.borealis.jdbc.FailoverSuccessException;
import dev.borealis.jdbc.TransactionStateUnknownException;
import dev.borealis.jdbc.fake.FakeCluster;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HikariTest {

  private FakeCluster cluster;

  @BeforeEach
  void start() throws SQLException {
    cluster = FakeCluster.aurora("hikari", "w1", "r1");
  }

  @AfterEach
  void stop() throws SQLException {
    cluster.close();
  }

  private void exercise(HikariConfig config) throws SQLException {
    config.setMaximumPoolSize(2);
    config.setPoolName("borealis-test");
    config.setExceptionOverrideClassName(BorealisExceptionOverride.class.getName());
    try (HikariDataSource ds = new HikariDataSource(config)) {
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO items VALUES (1, 'w')");
        assertThat(FakeCluster.serverId(c)).isEqualTo("w1");
      }
      try (Connection c = ds.getConnection()) {
        c.setReadOnly(true);
        assertThat(FakeCluster.serverId(c)).isEqualTo("r1");
      }
      try (Connection c = ds.getConnection()) {
        // HikariCP reset read-only when the connection came back; the next borrower is on the writer again.
        assertThat(FakeCluster.serverId(c)).isEqualTo("w1");
      }
    }
    assertThat(cluster.itemCount("w1")).isEqualTo(1);
  }

  @Test
  void worksWithJdbcUrlAndDriverClassName() throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(cluster.url(""));
    config.setDriverClassName("dev.borealis.jdbc.Driver");
    config.setUsername(FakeCluster.USER);
    config.setPassword(FakeCluster.PASSWORD);
    exercise(config);
  }

  @Test
  void worksWithDataSourceClassNameAndProperties() throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setDataSourceClassName("dev.borealis.jdbc.BorealisDataSource");
    config.addDataSourceProperty("url", cluster.url(""));
    config.addDataSourceProperty("user", FakeCluster.USER);
    config.addDataSourceProperty("password", FakeCluster.PASSWORD);
    Properties extra = new Properties();
    extra.setProperty("readerHostSelectorStrategy", "roundRobin");
    config.addDataSourceProperty("properties", extra);
    exercise(config);
  }

  @Test
  void theOverrideKeepsFailedOverConnectionsAndLeavesTheRestToHikari() {
    BorealisExceptionOverride o = new BorealisExceptionOverride();
    assertThat(o.adjudicate(new FailoverSuccessException("failed over", null)))
        .isEqualTo(SQLExceptionOverride.Override.DO_NOT_EVICT);
    assertThat(o.adjudicate(new TransactionStateUnknownException("unknown", null)))
        .isEqualTo(SQLExceptionOverride.Override.DO_NOT_EVICT);
    assertThat(o.adjudicate(new FailoverFailedException("gone", null)))
        .isEqualTo(SQLExceptionOverride.Override.CONTINUE_EVICT);
    assertThat(o.adjudicate(new SQLException("lost", "08S01"))).isEqualTo(SQLExceptionOverride.Override.CONTINUE_EVICT);
  }
}

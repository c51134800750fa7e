package dev.borealis.jdbc.fake;

import dev.borealis.jdbc.spi.Dialect;
import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.spi.TargetEngine;
import dev.borealis.jdbc.spi.TopologyRow;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The test engine {@code jdbc:borealis:fake://…}, registered through test-scope ServiceLoader files. */
public final class FakeEngine implements TargetEngine {

  private static final Driver DRIVER = new FakeDriver();

  @Override
  public String scheme() {
    return "fake";
  }

  @Override
  public int defaultPort() {
    return 5555;
  }

  @Override
  public Driver targetDriver() {
    return DRIVER;
  }

  @Override
  public String physicalUrl(HostSpec host, String database) {
    return FakeDriver.PREFIX + host.hostAndPort() + "/" + database;
  }

  @Override
  public List<Dialect> dialects() {
    return List.of(new AuroraLike(), new PlainLike());
  }

  /** Base: identity and role from {@code fake_instance}; errors classified like MySQL plus H2's read-only code. */
  abstract static class Base implements Dialect {
    @Override
    public String instanceId(Connection conn) throws SQLException {
      return FakeCluster.serverId(conn);
    }

    @Override
    public boolean isReader(Connection conn) throws SQLException {
      try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT read_only FROM fake_instance")) {
        rs.next();
        return rs.getBoolean(1);
      }
    }

    @Override
    public boolean isConnectionLost(SQLException e) {
      return e.getSQLState() != null && e.getSQLState().startsWith("08");
    }

    @Override
    public boolean isReadOnlyError(SQLException e) {
      return e.getErrorCode() == 90097;
    }
  }

  static final class AuroraLike extends Base {
    @Override
    public String code() {
      return "fake-aurora";
    }

    @Override
    public boolean isDialectOf(Connection conn) throws SQLException {
      try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(
          "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'FAKE_TOPOLOGY'")) {
        rs.next();
        return rs.getInt(1) > 0;
      }
    }

    @Override
    public boolean topologyFromServer() {
      return true;
    }

    @Override
    public List<TopologyRow> queryTopology(Connection conn) throws SQLException {
      List<TopologyRow> rows = new ArrayList<>();
      try (Statement s = conn.createStatement();
          ResultSet rs = s.executeQuery("SELECT server_id, is_writer, lag_ms FROM fake_topology")) {
        while (rs.next()) {
          rows.add(new TopologyRow(rs.getString(1), null, 0, rs.getBoolean(2), rs.getDouble(3)));
        }
      }
      return rows;
    }
  }

  static final class PlainLike extends Base {
    @Override
    public String code() {
      return "fake-plain";
    }

    @Override
    public boolean isDialectOf(Connection conn) {
      return true;
    }

    @Override
    public boolean topologyFromServer() {
      return false;
    }

    @Override
    public List<TopologyRow> queryTopology(Connection conn) {
      return List.of();
    }
  }
}

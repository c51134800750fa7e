package dev.borealis.jdbc.mysql;

import dev.borealis.jdbc.spi.SqlQueries;
import dev.borealis.jdbc.spi.TopologyRow;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * RDS Multi-AZ DB cluster (MySQL): {@code mysql.rds_topology} lists every instance with its endpoint and port. The
 * table does not say which is the writer: a reader's replica status names its source's server id, and on the
 * writer the replica status is empty, so the writer is {@code @@server_id} of whichever instance has no source.
 */
public final class RdsMultiAzMySqlDialect extends MySqlDialect {

  static final String DETECT = "SELECT 1 FROM information_schema.tables WHERE table_schema = 'mysql' "
      + "AND table_name = 'rds_topology'";
  static final String TOPOLOGY = "SELECT id, endpoint, port FROM mysql.rds_topology";
  static final String REPLICA_STATUS = "SHOW REPLICA STATUS";
  static final String SERVER_ID = "SELECT @@server_id";
  static final String READ_ONLY = "SELECT @@read_only";

  @Override
  public String code() {
    return "rds-multi-az-mysql";
  }

  @Override
  public boolean isDialectOf(Connection conn) throws SQLException {
    return SqlQueries.hasRow(conn, DETECT) && SqlQueries.hasRow(conn, TOPOLOGY);
  }

  @Override
  public boolean topologyFromServer() {
    return true;
  }

  @Override
  public List<TopologyRow> queryTopology(Connection conn) throws SQLException {
    String writerId = writerId(conn);
    List<TopologyRow> rows = new ArrayList<>();
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(TOPOLOGY)) {
      while (rs.next()) {
        String id = rs.getString(1);
        rows.add(new TopologyRow(id, rs.getString(2), rs.getInt(3), id.equals(writerId), 0));
      }
    }
    return rows;
  }

  private static String writerId(Connection conn) throws SQLException {
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(REPLICA_STATUS)) {
      if (rs.next()) {
        return rs.getString("Source_Server_Id");
      }
    }
    return SqlQueries.firstString(conn, SERVER_ID);
  }

  @Override
  public String instanceId(Connection conn) throws SQLException {
    return SqlQueries.firstString(conn, SERVER_ID);
  }

  @Override
  public boolean isReader(Connection conn) throws SQLException {
    return SqlQueries.firstBoolean(conn, READ_ONLY);
  }
}

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
 * Aurora MySQL: the topology comes from {@code information_schema.replica_host_status}, where the writer's row has
 * {@code SESSION_ID = 'MASTER_SESSION_ID'}; rows not updated for five minutes belong to instances that are gone.
 */
public final class AuroraMySqlDialect extends MySqlDialect {

  static final String DETECT = "SHOW VARIABLES LIKE 'aurora_version'";
  static final String TOPOLOGY = "SELECT SERVER_ID, CASE WHEN SESSION_ID = 'MASTER_SESSION_ID' THEN 1 ELSE 0 END, "
      + "REPLICA_LAG_IN_MILLISECONDS FROM information_schema.replica_host_status "
      + "WHERE time_to_sec(timediff(now(), LAST_UPDATE_TIMESTAMP)) <= 300 OR SESSION_ID = 'MASTER_SESSION_ID'";
  static final String INSTANCE_ID = "SELECT @@aurora_server_id";
  static final String READ_ONLY = "SELECT @@innodb_read_only";

  @Override
  public String code() {
    return "aurora-mysql";
  }

  @Override
  public boolean isDialectOf(Connection conn) throws SQLException {
    return SqlQueries.hasRow(conn, DETECT);
  }

  @Override
  public boolean topologyFromServer() {
    return true;
  }

  @Override
  public List<TopologyRow> queryTopology(Connection conn) throws SQLException {
    List<TopologyRow> rows = new ArrayList<>();
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(TOPOLOGY)) {
      while (rs.next()) {
        boolean writer = rs.getInt(2) == 1;
        rows.add(new TopologyRow(rs.getString(1), null, 0, writer, writer ? 0 : rs.getDouble(3)));
      }
    }
    return rows;
  }

  @Override
  public String instanceId(Connection conn) throws SQLException {
    return SqlQueries.firstString(conn, INSTANCE_ID);
  }

  @Override
  public boolean isReader(Connection conn) throws SQLException {
    return SqlQueries.firstBoolean(conn, READ_ONLY);
  }
}

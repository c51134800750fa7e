package dev.borealis.jdbc.postgres;

import dev.borealis.jdbc.spi.SqlQueries;
import dev.borealis.jdbc.spi.TopologyRow;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Aurora PostgreSQL: recognised by {@code aurora_stat_utils} in {@code rds.extensions}; the topology comes from
 * {@code aurora_replica_status()}, the writer's row having {@code session_id = 'MASTER_SESSION_ID'}. Operators are
 * schema-qualified so a user's search_path cannot change their meaning.
 */
public final class AuroraPostgresDialect extends PostgresDialect {

  static final String DETECT = "SELECT (setting LIKE '%aurora_stat_utils%') FROM pg_catalog.pg_settings "
      + "WHERE name OPERATOR(pg_catalog.=) 'rds.extensions'";
  static final String TOPOLOGY = "SELECT server_id, CASE WHEN session_id OPERATOR(pg_catalog.=) 'MASTER_SESSION_ID' "
      + "THEN TRUE ELSE FALSE END, COALESCE(replica_lag_in_msec, 0) FROM pg_catalog.aurora_replica_status() "
      + "WHERE EXTRACT(EPOCH FROM (pg_catalog.now() OPERATOR(pg_catalog.-) last_update_timestamp)) "
      + "OPERATOR(pg_catalog.<=) 300 OR session_id OPERATOR(pg_catalog.=) 'MASTER_SESSION_ID' "
      + "OR last_update_timestamp IS NULL";
  static final String INSTANCE_ID = "SELECT pg_catalog.aurora_db_instance_identifier()";

  @Override
  public String code() {
    return "aurora-postgresql";
  }

  @Override
  public boolean isDialectOf(Connection conn) throws SQLException {
    String hasUtils = SqlQueries.firstString(conn, DETECT);
    return "t".equalsIgnoreCase(hasUtils) || "true".equalsIgnoreCase(hasUtils);
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
        boolean writer = rs.getBoolean(2);
        rows.add(new TopologyRow(rs.getString(1), null, 0, writer, writer ? 0 : rs.getDouble(3)));
      }
    }
    return rows;
  }

  @Override
  public String instanceId(Connection conn) throws SQLException {
    return SqlQueries.firstString(conn, INSTANCE_ID);
  }
}

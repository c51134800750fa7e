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
 * RDS Multi-AZ DB cluster (PostgreSQL): the {@code rds_tools} extension lists the instances with endpoints and
 * ports ({@code show_topology}), names this instance ({@code dbi_resource_id}) and the writer
 * ({@code multi_az_db_cluster_source_dbi_resource_id}).
 */
public final class RdsMultiAzPostgresDialect extends PostgresDialect {

  static final String DETECT = "SELECT 1 FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n "
      + "ON p.pronamespace OPERATOR(pg_catalog.=) n.oid WHERE n.nspname OPERATOR(pg_catalog.=) 'rds_tools' "
      + "AND p.proname OPERATOR(pg_catalog.=) 'show_topology'";
  static final String TOPOLOGY = "SELECT id, endpoint, port FROM rds_tools.show_topology('borealis')";
  static final String WRITER_ID = "SELECT multi_az_db_cluster_source_dbi_resource_id "
      + "FROM rds_tools.multi_az_db_cluster_source_dbi_resource_id()";
  static final String INSTANCE_ID = "SELECT dbi_resource_id FROM rds_tools.dbi_resource_id()";

  @Override
  public String code() {
    return "rds-multi-az-postgresql";
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

  /** On the writer itself the source function returns nothing: then this instance is the writer. */
  private String writerId(Connection conn) throws SQLException {
    String source = SqlQueries.firstString(conn, WRITER_ID);
    return source != null ? source : instanceId(conn);
  }

  @Override
  public String instanceId(Connection conn) throws SQLException {
    return SqlQueries.firstString(conn, INSTANCE_ID);
  }
}

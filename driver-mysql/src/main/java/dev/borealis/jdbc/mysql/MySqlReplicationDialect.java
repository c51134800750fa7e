package dev.borealis.jdbc.mysql;

import dev.borealis.jdbc.spi.SqlQueries;
import dev.borealis.jdbc.spi.TopologyRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Plain MySQL or MariaDB replication: no server knows its peers, so the hosts are the URL's; the writer is the one
 * that is not read-only ({@code @@read_only}, which {@code super_read_only} also sets).
 */
public final class MySqlReplicationDialect extends MySqlDialect {

  static final String READ_ONLY = "SELECT @@read_only";

  @Override
  public String code() {
    return "mysql";
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

  @Override
  public String instanceId(Connection conn) throws SQLException {
    return SqlQueries.firstString(conn, "SELECT @@server_id");
  }

  @Override
  public boolean isReader(Connection conn) throws SQLException {
    return SqlQueries.firstBoolean(conn, READ_ONLY);
  }
}

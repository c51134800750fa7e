package dev.borealis.jdbc.postgres;

import dev.borealis.jdbc.spi.TopologyRow;
import java.sql.Connection;
import java.util.List;

/**
 * Plain PostgreSQL streaming replication: the hosts are the URL's; the writer is the one not in recovery, the
 * readers are the standbys that answer.
 */
public final class PostgresReplicationDialect extends PostgresDialect {

  @Override
  public String code() {
    return "postgresql";
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

  /** Streaming replication has no instance ids; hosts are known by address. */
  @Override
  public String instanceId(Connection conn) {
    return null;
  }
}

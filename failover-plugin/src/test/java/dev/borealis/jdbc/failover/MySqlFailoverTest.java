package dev.borealis.jdbc.failover;

import dev.borealis.cluster.Engine;

/** Writer failover against the embedded cluster's MySQL frontend (the PostgreSQL class covers the rest). */
class MySqlFailoverTest extends WriterCrashContract {

  @Override
  protected Engine engine() {
    return Engine.MYSQL;
  }

  @Override
  protected Class<?> physicalType() {
    return com.mysql.cj.jdbc.JdbcConnection.class;
  }
}

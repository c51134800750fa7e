package dev.borealis.jdbc.mysql;

import dev.borealis.jdbc.spi.Dialect;
import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.spi.TargetEngine;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.List;

/** {@code jdbc:borealis:mysql://…} over MySQL Connector/J. */
public final class MySqlEngine implements TargetEngine {

  private volatile Driver driver;

  @Override
  public String scheme() {
    return "mysql";
  }

  @Override
  public int defaultPort() {
    return 3306;
  }

  @Override
  public Driver targetDriver() {
    Driver d = driver;
    if (d == null) {
      try {
        d = new com.mysql.cj.jdbc.Driver();
      } catch (SQLException e) {
        throw new IllegalStateException("MySQL Connector/J could not be loaded: " + e.getMessage(), e);
      }
      driver = d;
    }
    return d;
  }

  @Override
  public String physicalUrl(HostSpec host, String database) {
    return "jdbc:mysql://" + host.hostAndPort() + "/" + database;
  }

  /** Most specific first; plain replication is the fallback for any MySQL or MariaDB server. */
  @Override
  public List<Dialect> dialects() {
    return List.of(new AuroraMySqlDialect(), new RdsMultiAzMySqlDialect(), new MySqlReplicationDialect());
  }
}

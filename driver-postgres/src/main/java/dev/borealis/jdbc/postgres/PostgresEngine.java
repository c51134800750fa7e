package dev.borealis.jdbc.postgres;

import dev.borealis.jdbc.spi.Dialect;
import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.spi.TargetEngine;
import java.sql.Driver;
import java.util.List;

/** {@code jdbc:borealis:postgresql://…} over pgJDBC. */
public final class PostgresEngine implements TargetEngine {

  private static final Driver DRIVER = new org.postgresql.Driver();

  @Override
  public String scheme() {
    return "postgresql";
  }

  @Override
  public int defaultPort() {
    return 5432;
  }

  @Override
  public Driver targetDriver() {
    return DRIVER;
  }

  @Override
  public String physicalUrl(HostSpec host, String database) {
    return "jdbc:postgresql://" + host.hostAndPort() + "/" + database;
  }

  /** Most specific first; plain streaming replication is the fallback for any PostgreSQL server. */
  @Override
  public List<Dialect> dialects() {
    return List.of(new AuroraPostgresDialect(), new RdsMultiAzPostgresDialect(), new PostgresReplicationDialect());
  }
}

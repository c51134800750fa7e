package dev.borealis.jdbc.postgres;

import dev.borealis.jdbc.spi.Dialect;
import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.spi.TargetEngine;
import dev.borealis.jdbc.spi.UrlText;
import java.sql.Driver;
import java.util.List;
import java.util.Map;
import java.util.Properties;

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

  /**
   * pgJDBC URL-decodes the database ({@code URLDecoder}: {@code +} becomes a space) and reads a raw {@code ?} as the
   * start of its properties; it takes the host as written (an IPv6 zone's {@code %} stays raw).
   */
  @Override
  public String physicalUrl(HostSpec host, String database) {
    return "jdbc:postgresql://" + host.hostAndPort() + "/" + UrlText.encode(database);
  }

  /**
   * pgJDBC takes whole seconds (rounded up here): {@code connectTimeout} bounds the TCP connect and
   * {@code socketTimeout} is set before the startup exchange, so it bounds the login too. {@code loginTimeout} is
   * left alone: pgJDBC honours it with a thread of its own that outlives a timed-out attempt.
   */
  @Override
  public Properties boundedConnect(long timeoutMs) {
    Properties p = new Properties();
    String seconds = Long.toString(Math.max(1, (timeoutMs + 999) / 1000));
    p.setProperty("connectTimeout", seconds);
    p.setProperty("socketTimeout", seconds);
    return p;
  }

  @Override
  public int readTimeoutMs(Map<String, String> targetProperties) {
    String value = targetProperties.get("socketTimeout");
    try {
      return value == null ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.max(0, Long.parseLong(value.trim()) * 1000));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Most specific first; plain streaming replication is the fallback for any PostgreSQL server. */
  @Override
  public List<Dialect> dialects() {
    return List.of(new AuroraPostgresDialect(), new RdsMultiAzPostgresDialect(), new PostgresReplicationDialect());
  }
}

package dev.borealis.jdbc.mysql;

import dev.borealis.jdbc.spi.Dialect;
import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.spi.TargetEngine;
import dev.borealis.jdbc.spi.UrlText;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;

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

  /**
   * Connector/J percent-decodes both the host and the database of its URL (an IPv6 zone's {@code %} included, and an
   * undecodable one is an IllegalArgumentException), and a raw {@code ?} in the database would start its properties.
   */
  @Override
  public String physicalUrl(HostSpec host, String database) {
    return "jdbc:mysql://" + host.hostAndPort().replace("%", "%25") + "/" + UrlText.encode(database);
  }

  /** Connector/J takes milliseconds; its {@code socketTimeout} also covers the handshake. */
  @Override
  public Properties boundedConnect(long timeoutMs) {
    Properties p = new Properties();
    String ms = Long.toString(Math.max(1, Math.min(Integer.MAX_VALUE, timeoutMs)));
    p.setProperty("connectTimeout", ms);
    p.setProperty("socketTimeout", ms);
    return p;
  }

  @Override
  public int readTimeoutMs(Map<String, String> targetProperties) {
    String value = targetProperties.get("socketTimeout");
    try {
      return value == null ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.max(0, Long.parseLong(value.trim())));
    } catch (NumberFormatException e) {
      return 0; // Connector/J itself rejects the value when it opens the connection.
    }
  }

  /** Most specific first; plain replication is the fallback for any MySQL or MariaDB server. */
  @Override
  public List<Dialect> dialects() {
    return List.of(new AuroraMySqlDialect(), new RdsMultiAzMySqlDialect(), new MySqlReplicationDialect());
  }
}

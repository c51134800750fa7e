package dev.borealis.benchmarks.stub;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * An in-memory JDBC driver for {@code jdbc:stub://host[:port]/db} whose statements do nothing but return
 * constants. It exists so {@code WrapperOverheadBenchmark} measures the wrapper's own per-call cost, not a
 * database's. Not registered with {@code DriverManager}: the benchmark and {@link StubEngine} call it directly.
 */
public final class StubDriver implements Driver {

  public static final String PREFIX = "jdbc:stub://";

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    String rest = url.substring(PREFIX.length());
    int slash = rest.indexOf('/');
    String hostPort = slash < 0 ? rest : rest.substring(0, slash);
    int colon = hostPort.lastIndexOf(':');
    String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
    if (host.isEmpty()) {
      throw new SQLException("stub URL '" + url + "' names no host", "08001");
    }
    return new StubConnection(host);
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return new DriverPropertyInfo[0];
  }

  @Override
  public int getMajorVersion() {
    return 1;
  }

  @Override
  public int getMinorVersion() {
    return 0;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("StubDriver logs nothing", "0A000");
  }
}

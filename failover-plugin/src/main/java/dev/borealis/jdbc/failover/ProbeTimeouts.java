package dev.borealis.jdbc.failover;

import dev.borealis.jdbc.spi.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Target-driver properties that bound how long opening a probe connection may take, so a silent (blackholed)
 * instance costs a bounded wait. Connector/J takes milliseconds; pgJDBC takes whole seconds (rounded up here).
 */
final class ProbeTimeouts {

  private ProbeTimeouts() {
  }

  static Properties forDialect(Dialect dialect, long timeoutMs) {
    Properties p = new Properties();
    boolean mysql = dialect != null && dialect.code().contains("mysql");
    String value = mysql ? Long.toString(timeoutMs) : Long.toString(Math.max(1, (timeoutMs + 999) / 1000));
    p.setProperty("connectTimeout", value);
    p.setProperty("socketTimeout", value);
    return p;
  }

  /** Bounds every later read on {@code c} to {@code timeoutMs} (the connect-time socket timeout is coarser). */
  static void bound(Connection c, long timeoutMs) throws SQLException {
    c.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, timeoutMs));
  }
}

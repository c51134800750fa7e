package dev.borealis.jdbc.spi;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A target engine reachable as {@code jdbc:borealis:<scheme>://…}: which driver opens physical connections, how a
 * physical URL for one host looks, and which dialects may apply, most specific first (the last one is the
 * fallback that matches any server of the engine).
 */
public interface TargetEngine {

  /** The {@code <target>} part of a Borealis URL, e.g. {@code mysql}. */
  String scheme();

  int defaultPort();

  /** The driver that opens physical connections; called once, the instance is reused. */
  Driver targetDriver();

  /**
   * The physical URL for one host; properties travel separately, never in this URL. The host and the database are
   * encoded the way the target driver decodes them ({@link UrlText#encode} for the database), so no name can add
   * a property or change the host.
   */
  String physicalUrl(HostSpec host, String database);

  /**
   * Opens a physical connection through {@link #targetDriver()}. Whatever goes wrong is an SQLException: a driver
   * that declines the URL (returns null) or throws an unchecked exception on it (Connector/J's URL decoder does, on
   * text it cannot decode) fails with 08001 naming the host.
   */
  default Connection connect(HostSpec host, String database, Properties props) throws SQLException {
    Driver d = targetDriver();
    Connection c;
    try {
      c = d.connect(physicalUrl(host, database), props);
    } catch (RuntimeException e) {
      throw new SQLException("target driver " + d.getClass().getName() + " could not use the URL for "
          + host.hostAndPort() + " (" + e.getClass().getSimpleName() + ")", "08001", e);
    }
    if (c == null) {
      throw new SQLException("target driver " + d.getClass().getName() + " declined the URL for "
          + host.hostAndPort(), "08001");
    }
    return c;
  }

  List<Dialect> dialects();

  /**
   * Target-driver properties that bound opening a connection, the TCP connect and the login exchange both, to
   * about {@code timeoutMs} (rounded up to the driver's unit), so a silent (blackholed) host costs a bounded wait.
   * They also bound every read on the connection; {@link #readTimeoutMs} gives what to restore afterwards. An
   * engine whose driver has no such settings returns none (the default), and its connects are not bounded.
   */
  default Properties boundedConnect(long timeoutMs) {
    return new Properties();
  }

  /** The read timeout in milliseconds the given target properties give a connection (0: none). */
  default int readTimeoutMs(Map<String, String> targetProperties) {
    return 0;
  }
}

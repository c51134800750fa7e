package dev.borealis.jdbc;

import dev.borealis.jdbc.config.ConnectionUrl;
import dev.borealis.jdbc.config.CoreProperties;
import dev.borealis.jdbc.config.Property;
import dev.borealis.jdbc.connection.Connector;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The Borealis JDBC driver: {@code jdbc:borealis:<target>://host[:port][,host[:port]…]/db[?k=v&…]}. Properties
 * given both in the URL and in the {@code Properties} argument take the URL's value.
 */
public final class Driver implements java.sql.Driver {

  private static final Logger PARENT = Logger.getLogger("dev.borealis.jdbc");

  static {
    try {
      DriverManager.registerDriver(new Driver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Returns null for URLs of other drivers, as JDBC asks, so DriverManager can try the next driver. */
  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    return Connector.connect(url, info);
  }

  @Override
  public boolean acceptsURL(String url) {
    return ConnectionUrl.accepts(url);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    List<Property<?>> all = CoreProperties.all();
    DriverPropertyInfo[] out = new DriverPropertyInfo[all.size()];
    for (int i = 0; i < all.size(); i++) {
      Property<?> p = all.get(i);
      String given = info == null ? null : info.getProperty(p.name());
      out[i] = new DriverPropertyInfo(p.name(), given != null ? given
          : p.defaultValue() == null ? null : String.valueOf(p.defaultValue()));
      out[i].description = p.description();
      out[i].required = false;
    }
    return out;
  }

  @Override
  public int getMajorVersion() {
    return 0;
  }

  @Override
  public int getMinorVersion() {
    return 1;
  }

  /** Not a compliant driver in JDBC's sense: the target driver decides the SQL surface. */
  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() {
    return PARENT;
  }
}

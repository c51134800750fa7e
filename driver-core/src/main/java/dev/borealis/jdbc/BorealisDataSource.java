package dev.borealis.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource for containers and pools that configure bean properties (HikariCP's {@code dataSourceClassName} with
 * {@code dataSourceProperties}, Spring). {@code properties} carries any other driver or Borealis property; {@code
 * user}/{@code password} and then the URL's own properties take precedence over it.
 */
public class BorealisDataSource implements DataSource {

  private final Driver driver = new Driver();
  private volatile String url;
  private volatile String user;
  private volatile String password;
  private volatile Properties properties = new Properties();
  private volatile int loginTimeoutSeconds;
  private volatile PrintWriter logWriter;

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  /** Alias used by tools that call the property jdbcUrl. */
  public void setJdbcUrl(String url) {
    this.url = url;
  }

  public String getUser() {
    return user;
  }

  public void setUser(String user) {
    this.user = user;
  }

  /** Alias for {@link #setUser}, for containers that say username. */
  public void setUsername(String user) {
    this.user = user;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  /** A copy of the extra properties. */
  public Properties getProperties() {
    Properties p = new Properties();
    p.putAll(properties);
    return p;
  }

  public void setProperties(Properties properties) {
    Properties p = new Properties();
    if (properties != null) {
      p.putAll(properties);
    }
    this.properties = p;
  }

  /** Adds one property (for containers that set string pairs). */
  public void setProperty(String name, String value) {
    Properties p = getProperties();
    p.setProperty(name, value);
    this.properties = p;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return getConnection(user, password);
  }

  @Override
  public Connection getConnection(String username, String pass) throws SQLException {
    String u = url;
    if (u == null) {
      throw new SQLException("BorealisDataSource has no url; set it to jdbc:borealis:<target>://host/db", "08001");
    }
    Properties info = getProperties();
    if (username != null) {
      info.setProperty("user", username);
    }
    if (pass != null) {
      info.setProperty("password", pass);
    }
    Connection c = driver.connect(u, info);
    if (c == null) {
      throw new SQLException("BorealisDataSource url does not start with jdbc:borealis: (got a URL of another "
          + "driver)", "08001");
    }
    return c;
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public void setLoginTimeout(int seconds) {
    this.loginTimeoutSeconds = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeoutSeconds;
  }

  @Override
  public Logger getParentLogger() {
    return driver.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLFeatureNotSupportedException("BorealisDataSource does not wrap " + iface.getName(), "0A000");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  @Override
  public String toString() {
    return "BorealisDataSource[url=" + dev.borealis.jdbc.config.Secrets.redactUrl(url) + ", user=" + user + "]";
  }
}

package dev.borealis.jdbc.fake;

import java.sql.Connection;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The target driver of the fake engine: {@code jdbc:fakedb://host:port/db} resolves the host through its
 * {@link FakeCluster} (refusing down instances and unknown names like a network would, rejecting wrong passwords
 * like a server would) and returns a real H2 connection to that instance's database.
 */
public final class FakeDriver implements java.sql.Driver {

  static final String PREFIX = "jdbc:fakedb://";
  private final org.h2.Driver h2 = new org.h2.Driver();

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    String rest = url.substring(PREFIX.length());
    String hostPort = rest.substring(0, rest.indexOf('/'));
    String host = hostPort.substring(0, hostPort.lastIndexOf(':'));
    String[] labels = host.split("\\.");
    if (labels.length != 4 || !host.endsWith(".fake.test")) {
      throw new SQLException("UnknownHostException: " + host, "08001");
    }
    String second = labels[1];
    String kind = second.startsWith("cluster-ro-") ? "cluster-ro" : second.startsWith("cluster-") ? "cluster"
        : "instance";
    String clusterName = switch (kind) {
      case "cluster-ro" -> second.substring("cluster-ro-".length());
      case "cluster" -> second.substring("cluster-".length());
      default -> second;
    };
    FakeCluster cluster = FakeCluster.BY_NAME.get(clusterName);
    if (cluster == null) {
      throw new SQLException("UnknownHostException: " + host, "08001");
    }
    String id = cluster.resolve(labels[0], kind);
    if (!FakeCluster.USER.equals(info.getProperty("user"))
        || !FakeCluster.PASSWORD.equals(info.getProperty("password"))) {
      throw new SQLException("Access denied for user '" + info.getProperty("user") + "'", "28000", 1045);
    }
    Properties h2Props = new Properties();
    h2Props.setProperty("user", "sa");
    h2Props.setProperty("password", "");
    return h2.connect(cluster.h2Url(id), h2Props);
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
    throw new SQLFeatureNotSupportedException("no parent logger", "0A000");
  }
}

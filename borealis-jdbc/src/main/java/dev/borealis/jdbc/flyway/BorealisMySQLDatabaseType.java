package dev.borealis.jdbc.flyway;

import java.sql.Connection;
import org.flywaydb.database.mysql.MySQLDatabaseType;

/**
 * Lets Flyway open {@code jdbc:borealis:mysql:} URLs itself ({@code flyway.url}, {@code Flyway.configure()
 * .dataSource(url, user, password)}): the URL picks this type, which names the Borealis driver. Everything about the
 * database is Flyway's own MySQL support, inherited: once connected, Flyway chooses the type from the connection's
 * product name ("MySQL", reported by Connector/J behind Borealis), and this type steps aside there so it is
 * {@link MySQLDatabaseType} itself that runs the migration.
 */
public class BorealisMySQLDatabaseType extends MySQLDatabaseType {

  @Override
  public String getName() {
    return "Borealis MySQL";
  }

  @Override
  public boolean handlesJDBCUrl(String url) {
    return BorealisUrls.matches(url, BorealisUrls.MYSQL);
  }

  @Override
  public String getDriverClass(String url, ClassLoader classLoader) {
    return BorealisUrls.DRIVER;
  }

  /** No fallback: MySQLDatabaseType's is the MariaDB driver, which cannot take a Borealis URL. */
  @Override
  public String getBackupDriverClass(String url, ClassLoader classLoader) {
    return null;
  }

  @Override
  public boolean handlesDatabaseProductNameAndVersion(String productName, String productVersion,
      Connection connection) {
    return false;
  }
}

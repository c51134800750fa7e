package dev.borealis.jdbc.flyway;

import java.sql.Connection;
import org.flywaydb.database.postgresql.PostgreSQLDatabaseType;

/**
 * Lets Flyway open {@code jdbc:borealis:postgresql:} URLs itself: the URL picks this type, which names the Borealis
 * driver; once connected, Flyway's own {@link PostgreSQLDatabaseType} (chosen from the product name "PostgreSQL")
 * runs the migration, as for {@link BorealisMySQLDatabaseType}.
 */
public class BorealisPostgreSQLDatabaseType extends PostgreSQLDatabaseType {

  @Override
  public String getName() {
    return "Borealis PostgreSQL";
  }

  @Override
  public boolean handlesJDBCUrl(String url) {
    return BorealisUrls.matches(url, BorealisUrls.POSTGRESQL);
  }

  @Override
  public String getDriverClass(String url, ClassLoader classLoader) {
    return BorealisUrls.DRIVER;
  }

  @Override
  public boolean handlesDatabaseProductNameAndVersion(String productName, String productVersion,
      Connection connection) {
    return false;
  }
}

package dev.borealis.jdbc.liquibase;

import liquibase.database.DatabaseConnection;
import liquibase.database.core.PostgresDatabase;

/**
 * Lets Liquibase open {@code jdbc:borealis:postgresql:} URLs itself; as {@link BorealisMySQLDatabase}, it only names
 * the driver, and Liquibase's own {@link PostgresDatabase} takes the connection.
 */
public class BorealisPostgresDatabase extends PostgresDatabase {

  static final String URL_PREFIX = "jdbc:borealis:postgresql:";

  @Override
  public String getShortName() {
    return "borealis-postgresql";
  }

  @Override
  public String getDefaultDriver(String url) {
    return BorealisDatabases.driverFor(url, URL_PREFIX);
  }

  @Override
  public boolean isCorrectDatabaseImplementation(DatabaseConnection conn) {
    return false;
  }
}

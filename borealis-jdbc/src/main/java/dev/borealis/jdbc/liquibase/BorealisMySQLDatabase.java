package dev.borealis.jdbc.liquibase;

import liquibase.database.DatabaseConnection;
import liquibase.database.core.MySQLDatabase;

/**
 * Lets Liquibase open {@code jdbc:borealis:mysql:} URLs itself ({@code --url}, {@code liquibase.properties}): the only
 * thing Liquibase asks a URL is which driver opens it ({@code getDefaultDriver}), and this answers the Borealis
 * driver. Choosing the database is left to Liquibase: it asks every type whether a connection is theirs, this one
 * declines, and its own {@link MySQLDatabase} takes the connection by its product name ("MySQL"), so changesets with
 * {@code dbms="mysql"} apply as they do on Connector/J. The short name is distinct because Liquibase keeps one
 * database per short name and would otherwise hide this type (or the real one).
 */
public class BorealisMySQLDatabase extends MySQLDatabase {

  static final String URL_PREFIX = "jdbc:borealis:mysql:";

  @Override
  public String getShortName() {
    return "borealis-mysql";
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

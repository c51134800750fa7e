package dev.borealis.benchmarks;

import dev.borealis.cluster.Engine;
import java.util.List;

/** Per-engine names the network benchmarks share. */
final class Engines {

  private Engines() {
  }

  /** {@code postgresql}, {@code mysql} or {@code all} (PostgreSQL first). */
  static List<Engine> parse(String value) {
    return "all".equalsIgnoreCase(value) ? List.of(Engine.POSTGRESQL, Engine.MYSQL) : List.of(Engine.parse(value));
  }

  /** The JDBC sub-protocol: {@code postgresql} or {@code mysql}. */
  static String scheme(Engine engine) {
    return engine == Engine.MYSQL ? "mysql" : "postgresql";
  }

  static String driverName(Engine engine) {
    return engine == Engine.MYSQL ? "Connector/J" : "pgJDBC";
  }

  /**
   * Creates the benchmark database where the engine needs one to exist before connecting to it (MySQL); PostgreSQL
   * connects to its {@code postgres} database.
   */
  static void createDatabase(String rawUrlWithoutDatabase, java.util.Properties credentials, Engine engine)
      throws java.sql.SQLException {
    if (engine != Engine.MYSQL) {
      return;
    }
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(rawUrlWithoutDatabase, credentials);
         java.sql.Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE IF NOT EXISTS " + database(engine));
    }
  }

  static String database(Engine engine) {
    return engine == Engine.MYSQL ? "bench" : "postgres";
  }
}

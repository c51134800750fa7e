package dev.borealis.compat.run;

import dev.borealis.cluster.Engine;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A server the corpus runs on, reached through the raw driver (Connector/J or pgJDBC). Each category gets its own
 * namespace, dropped and created afresh: a MySQL database ({@code CREATE DATABASE}, then a connection to it) or a
 * PostgreSQL schema ({@code CREATE SCHEMA}, then a connection with pgJDBC's {@code currentSchema}), so that no
 * category sees another's tables.
 *
 * @param name     for reports: {@code MariaDB 10.11.14}, {@code embedded}
 * @param baseUrl  the server's raw-driver URL without database and query: {@code jdbc:mysql://127.0.0.1:3306}
 */
public record Target(String name, Engine engine, String baseUrl, Properties credentials) {

  private static final String MYSQL_OPTIONS = "?useSSL=false&allowPublicKeyRetrieval=true&connectTimeout=5000"
      + "&socketTimeout=30000";
  private static final String PG_OPTIONS = "?sslmode=disable&connectTimeout=5&socketTimeout=30";

  /** Drops and creates {@code namespace}. */
  public void recreate(String namespace) throws SQLException {
    try (Connection c = DriverManager.getConnection(adminUrl(), credentials); Statement s = c.createStatement()) {
      if (engine == Engine.MYSQL) {
        s.execute("DROP DATABASE IF EXISTS " + namespace);
        s.execute("CREATE DATABASE " + namespace);
      } else {
        s.execute("DROP SCHEMA IF EXISTS " + namespace + " CASCADE");
        s.execute("CREATE SCHEMA " + namespace);
      }
    }
  }

  /** Drops {@code namespace}; failures are ignored (the server goes away after the run anyway). */
  public void drop(String namespace) {
    try (Connection c = DriverManager.getConnection(adminUrl(), credentials); Statement s = c.createStatement()) {
      s.execute(engine == Engine.MYSQL ? "DROP DATABASE IF EXISTS " + namespace
          : "DROP SCHEMA IF EXISTS " + namespace + " CASCADE");
    } catch (SQLException e) {
      // Best effort.
    }
  }

  /**
   * The raw-driver URL of {@code namespace} as an application would configure it: the MySQL database in the path,
   * or PostgreSQL's {@code postgres} database with {@code currentSchema}.
   */
  public String url(String namespace) {
    return engine == Engine.MYSQL ? baseUrl + "/" + namespace + MYSQL_OPTIONS
        : baseUrl + "/postgres" + PG_OPTIONS + "&currentSchema=" + namespace;
  }

  /**
   * A connection whose default database (MySQL) or schema (PostgreSQL) is {@code namespace}. On PostgreSQL the
   * schema is also set with {@code SET search_path} after connecting, not only through pgJDBC's
   * {@code currentSchema} start-up option, so a server that ignores start-up options still isolates the categories.
   */
  public Connection connect(String namespace) throws SQLException {
    if (engine == Engine.MYSQL) {
      return DriverManager.getConnection(url(namespace), credentials);
    }
    Connection c = DriverManager.getConnection(url(namespace), credentials);
    try (Statement s = c.createStatement()) {
      s.execute("SET search_path TO " + namespace);
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }

  private String adminUrl() {
    return engine == Engine.MYSQL ? baseUrl + "/" + MYSQL_OPTIONS : baseUrl + "/postgres" + PG_OPTIONS;
  }

  @Override
  public String toString() {
    // The credentials stay out of logs and reports.
    return name + " at " + baseUrl;
  }
}

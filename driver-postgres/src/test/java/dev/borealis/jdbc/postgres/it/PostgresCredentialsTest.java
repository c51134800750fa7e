package dev.borealis.jdbc.postgres.it;

import dev.borealis.cluster.Engine;
import dev.borealis.jdbc.it.CredentialsContract;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The AWS credentials plugins against the embedded cluster's PostgreSQL frontend, through pgJDBC. */
class PostgresCredentialsTest extends CredentialsContract {

  @Override
  protected Engine engine() {
    return Engine.POSTGRESQL;
  }

  @Override
  protected String scheme() {
    return "postgresql";
  }

  @Override
  protected String database() {
    return "postgres";
  }

  /** require encrypts without verifying the cluster's self-signed certificate (no root certificate configured). */
  @Override
  protected String tlsProperties() {
    return "sslmode=require";
  }

  @Override
  protected String plainProperties() {
    return "sslmode=disable";
  }

  /**
   * The frontend's current_user is empty (H2's own session user), so the user pgJDBC logged in with, which the
   * server authenticated; a query proves the session is usable.
   */
  @Override
  protected String currentUser(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
      rs.next();
    }
    return c.getMetaData().getUserName();
  }

  /** invalid_password. */
  @Override
  protected String authFailureState() {
    return "28P01";
  }
}

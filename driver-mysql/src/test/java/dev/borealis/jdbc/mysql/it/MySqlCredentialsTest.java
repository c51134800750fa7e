package dev.borealis.jdbc.mysql.it;

import dev.borealis.cluster.Engine;
import dev.borealis.jdbc.it.CredentialsContract;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The AWS credentials plugins against the embedded cluster's MySQL frontend, through Connector/J. */
class MySqlCredentialsTest extends CredentialsContract {

  @Override
  protected Engine engine() {
    return Engine.MYSQL;
  }

  @Override
  protected String scheme() {
    return "mysql";
  }

  @Override
  protected String database() {
    return "";
  }

  /** REQUIRED encrypts without verifying the cluster's self-signed certificate. */
  @Override
  protected String tlsProperties() {
    return "sslMode=REQUIRED";
  }

  /** The key is needed for caching_sha2 without TLS. */
  @Override
  protected String plainProperties() {
    return "sslMode=DISABLED&allowPublicKeyRetrieval=true";
  }

  /** The frontend has no CURRENT_USER(); its process list names each session's user. */
  @Override
  protected String currentUser(Connection c) throws SQLException {
    long id;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
      rs.next();
      id = rs.getLong(1);
    }
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW PROCESSLIST")) {
      while (rs.next()) {
        if (rs.getLong("Id") == id) {
          return rs.getString("User");
        }
      }
    }
    throw new AssertionError("session " + id + " is not in SHOW PROCESSLIST");
  }

  /** ER_ACCESS_DENIED_ERROR (1045). */
  @Override
  protected String authFailureState() {
    return "28000";
  }
}

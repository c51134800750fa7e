package dev.borealis.jdbc.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.borealis.cluster.Engine;
import dev.borealis.cluster.junit.ServedCluster;
import dev.borealis.jdbc.postgres.replication.StreamingReplication;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A database for a migration tool, reached by a {@code jdbc:borealis:} URL. */
record MigrationTarget(String url, String user, String password) {

  /** On MySQL a fresh database named {@code name} (a served cluster has none by default); on PostgreSQL the default one. */
  static MigrationTarget on(ServedCluster cluster, String name) throws SQLException {
    if (cluster.engine() == Engine.MYSQL) {
      String options = "?allowPublicKeyRetrieval=true";
      try (Connection c = DriverManager.getConnection(cluster.borealisUrl() + options, cluster.credentials());
           Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      }
      return new MigrationTarget(cluster.borealisUrl() + name + options, cluster.user(), cluster.password());
    }
    return new MigrationTarget(cluster.borealisUrl(), cluster.user(), cluster.password());
  }

  /** The primary of a real PostgreSQL (Debian's package), trusted local login. */
  static MigrationTarget onRealPostgres(StreamingReplication pg) {
    return new MigrationTarget("jdbc:borealis:postgresql://" + pg.primary().hostAndPort() + "/postgres?sslmode=disable",
        StreamingReplication.USER, "");
  }

  List<String> column(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password);
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getString(1));
      }
      return values;
    }
  }

  void assertGreetings() throws SQLException {
    assertThat(column("SELECT name FROM greeting ORDER BY id")).containsExactly("hello", "world");
  }
}

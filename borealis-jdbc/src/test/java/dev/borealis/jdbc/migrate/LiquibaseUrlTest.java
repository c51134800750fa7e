package dev.borealis.jdbc.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.borealis.cluster.Engine;
import dev.borealis.cluster.junit.EmbeddedCluster;
import dev.borealis.cluster.junit.ServedCluster;
import dev.borealis.jdbc.postgres.replication.StreamingReplication;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.core.MySQLDatabase;
import liquibase.database.core.PostgresDatabase;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/** Liquibase given a {@code jdbc:borealis:} URL opens it with the Borealis driver and updates. */
class LiquibaseUrlTest {

  @BeforeAll
  static void noPhoningHome() {
    // Liquibase 4.3x reports usage over the network unless told not to; tests reach loopback only.
    System.setProperty("liquibase.analytics.enabled", "false");
  }

  @Test
  void borealisUrlsNameTheBorealisDriver() {
    DatabaseFactory factory = DatabaseFactory.getInstance();
    assertThat(factory.findDefaultDriver("jdbc:borealis:mysql://db.example:3306/app"))
        .isEqualTo("dev.borealis.jdbc.Driver");
    assertThat(factory.findDefaultDriver("jdbc:borealis:postgresql://db.example/app"))
        .isEqualTo("dev.borealis.jdbc.Driver");
    assertThat(factory.findDefaultDriver("jdbc:postgresql://db.example/app")).isEqualTo("org.postgresql.Driver");
  }

  @Test
  @EmbeddedCluster(engine = Engine.MYSQL, readers = 1)
  void openingABorealisMySqlUrlGivesLiquibasesMySqlDatabase(ServedCluster cluster) throws Exception {
    MigrationTarget target = MigrationTarget.on(cluster, "lb_open");
    try (Database db = open(target)) {
      assertThat(db).isExactlyInstanceOf(MySQLDatabase.class);
      assertThat(db.getShortName()).isEqualTo("mysql");
    }
  }

  @Test
  @EmbeddedCluster(engine = Engine.POSTGRESQL, readers = 1)
  void openingABorealisPostgresUrlGivesLiquibasesPostgresDatabase(ServedCluster cluster) throws Exception {
    try (Database db = open(MigrationTarget.on(cluster, "unused"))) {
      assertThat(db).isExactlyInstanceOf(PostgresDatabase.class);
    }
  }

  @Test
  @EmbeddedCluster(engine = Engine.MYSQL, readers = 1)
  void updatesMySqlThroughABorealisUrl(ServedCluster cluster) throws Exception {
    updates(MigrationTarget.on(cluster, "lb_app"));
  }

  @Test
  void updatesARealPostgresThroughABorealisUrl() throws Exception {
    try (StreamingReplication pg = StreamingReplication.start(0)) {
      updates(MigrationTarget.onRealPostgres(pg));
    }
  }

  @Test
  @Disabled("issue 11: the embedded PostgreSQL has no pg_get_keywords(), which pgJDBC's getSQLKeywords() calls; the"
      + " failure aborts Liquibase's transaction")
  @EmbeddedCluster(engine = Engine.POSTGRESQL, readers = 1)
  void updatesPostgresThroughABorealisUrl(ServedCluster cluster) throws Exception {
    updates(MigrationTarget.on(cluster, "unused"));
  }

  private static Database open(MigrationTarget target) throws Exception {
    return DatabaseFactory.getInstance().openDatabase(target.url(), target.user(),
        target.password(), null, new ClassLoaderResourceAccessor());
  }

  private static void updates(MigrationTarget target) throws Exception {
    new CommandScope("update")
        .addArgumentValue("url", target.url())
        .addArgumentValue("username", target.user())
        .addArgumentValue("password", target.password())
        .addArgumentValue("changelogFile", "db/liquibase/changelog.sql")
        .execute();
    target.assertGreetings();
    assertThat(target.column("SELECT id FROM DATABASECHANGELOG ORDER BY orderexecuted"))
        .containsExactly("1", "2");
  }
}

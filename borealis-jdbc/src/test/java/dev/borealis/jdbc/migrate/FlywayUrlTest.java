package dev.borealis.jdbc.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.borealis.cluster.Engine;
import dev.borealis.cluster.junit.EmbeddedCluster;
import dev.borealis.cluster.junit.ServedCluster;
import dev.borealis.jdbc.flyway.BorealisMySQLDatabaseType;
import dev.borealis.jdbc.flyway.BorealisPostgreSQLDatabaseType;
import dev.borealis.jdbc.postgres.replication.StreamingReplication;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.internal.database.DatabaseTypeRegister;
import org.flywaydb.core.internal.database.GeneralDatabaseType;
import org.flywaydb.core.internal.jdbc.DriverDataSource;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/** Flyway given a {@code jdbc:borealis:} URL (not a DataSource) opens it with the Borealis driver and migrates. */
class FlywayUrlTest {

  @Test
  void aBorealisMySqlUrlPicksTheBorealisTypeAndOnlyIt() {
    assertThat(DatabaseTypeRegister.getDatabaseTypesForUrl("jdbc:borealis:mysql://db.example:3306/app", null))
        .map(GeneralDatabaseType::getClass).containsExactly(BorealisMySQLDatabaseType.class);
  }

  @Test
  void aBorealisPostgresUrlPicksTheBorealisTypeAndOnlyIt() {
    assertThat(DatabaseTypeRegister.getDatabaseTypesForUrl("jdbc:borealis:postgresql://db.example/app", null))
        .map(GeneralDatabaseType::getClass).containsExactly(BorealisPostgreSQLDatabaseType.class);
  }

  @Test
  void plainUrlsStillPickFlywaysOwnTypes() {
    assertThat(DatabaseTypeRegister.getDatabaseTypesForUrl("jdbc:mysql://db.example:3306/app", null))
        .map(t -> t.getClass().getName()).doesNotContain(BorealisMySQLDatabaseType.class.getName()).isNotEmpty();
    assertThat(DatabaseTypeRegister.getDatabaseTypesForUrl("jdbc:postgresql://db.example/app", null))
        .map(t -> t.getClass().getName()).doesNotContain(BorealisPostgreSQLDatabaseType.class.getName())
        .isNotEmpty();
  }

  @Test
  void migratesARealPostgresThroughABorealisUrl() throws Exception {
    try (StreamingReplication pg = StreamingReplication.start(0)) {
      MigrationTarget target = MigrationTarget.onRealPostgres(pg);
      migrates(target, "classpath:db/flyway/postgresql");
    }
  }

  @Test
  @Disabled("issue 11: the embedded MySQL has no information_schema.events, which Flyway's MySQL schema check reads")
  @EmbeddedCluster(engine = Engine.MYSQL, readers = 1)
  void migratesMySqlThroughABorealisUrl(ServedCluster cluster) throws Exception {
    migrates(MigrationTarget.on(cluster, "flyway_app"), "classpath:db/flyway/mysql");
  }

  @Test
  @Disabled("issue 11: the embedded PostgreSQL rejects SET ROLE 'name' (a quoted role), which Flyway sends to restore"
      + " a connection")
  @EmbeddedCluster(engine = Engine.POSTGRESQL, readers = 1)
  void migratesPostgresThroughABorealisUrl(ServedCluster cluster) throws Exception {
    migrates(MigrationTarget.on(cluster, "flyway_app"), "classpath:db/flyway/postgresql");
  }

  private static void migrates(MigrationTarget target, String location) throws Exception {
    Flyway flyway = Flyway.configure()
        .dataSource(target.url(), target.user(), target.password())
        .locations(location)
        .load();
    assertThat(((DriverDataSource) flyway.getConfiguration().getDataSource()).getDriver().getClass().getName())
        .isEqualTo("dev.borealis.jdbc.Driver");
    MigrateResult result = flyway.migrate();
    assertThat(result.success).isTrue();
    assertThat(result.migrationsExecuted).isEqualTo(2);
    target.assertGreetings();
    assertThat(flyway.migrate().migrationsExecuted).as("a second run has nothing to do").isZero();
  }
}

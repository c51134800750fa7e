package dev.borealis.jdbc.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.borealis.jdbc.spi.Dialect;
import dev.borealis.jdbc.spi.HostSpec;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostgresDialectsTest {

  private final PostgresEngine engine = new PostgresEngine();

  @Test
  void dialectsAreOrderedMostSpecificFirstWithStreamingReplicationAsFallback() {
    assertThat(engine.dialects()).extracting(Dialect::code)
        .containsExactly("aurora-postgresql", "rds-multi-az-postgresql", "postgresql");
    assertThat(engine.dialects()).extracting(Dialect::topologyFromServer).containsExactly(true, true, false);
  }

  @Test
  void physicalUrlsBracketIpv6() {
    assertThat(engine.physicalUrl(HostSpec.of("fe80::1", 5433), "app")).isEqualTo("jdbc:postgresql://[fe80::1]:5433/app");
  }

  @ParameterizedTest(name = "SQLSTATE {0}: lost={1} readOnly={2}")
  @CsvSource({
      "08006, true, false",
      "08001, true, false",
      "08P01, true, false",
      "57P01, true, false",
      "57P02, true, false",
      "57P03, true, false",
      "57014, false, false",
      "58030, true, false",
      "99999, true, false",
      "F0000, true, false",
      "25006, false, true",
      "25001, false, false",
      "40001, false, false",
      "23505, false, false",
      "28P01, false, false"})
  void errorsAreClassifiedLikeAurorasClients(String state, boolean lost, boolean readOnly) {
    SQLException e = new SQLException("x", state);
    for (Dialect d : engine.dialects()) {
      assertThat(d.isConnectionLost(e)).as(d.code()).isEqualTo(lost);
      assertThat(d.isReadOnlyError(e)).as(d.code()).isEqualTo(readOnly);
    }
  }

  @Test
  void queriesUseTheAuroraAndRecoveryFunctions() {
    assertThat(AuroraPostgresDialect.TOPOLOGY).contains("aurora_replica_status()").contains("'MASTER_SESSION_ID'");
    assertThat(AuroraPostgresDialect.INSTANCE_ID).contains("aurora_db_instance_identifier()");
    assertThat(PostgresDialect.IN_RECOVERY).contains("pg_is_in_recovery()");
    assertThat(RdsMultiAzPostgresDialect.TOPOLOGY).contains("rds_tools.show_topology");
  }

  @Test
  void anUnreachablePostgresHostFailsWith08001ThroughTheBorealisDriver() {
    Properties p = new Properties();
    p.setProperty("user", "app");
    p.setProperty("password", "n0t-Logged-Pw");
    p.setProperty("connectTimeout", "2");
    SQLException e = catchThrowableOfType(SQLException.class,
        () -> DriverManager.getConnection("jdbc:borealis:postgresql://127.0.0.1:1,127.0.0.1:2/app", p));
    assertThat(e.getSQLState()).isEqualTo("08001");
    assertThat(e.getMessage()).contains("could not connect to any of 2 URL hosts").doesNotContain("n0t-Logged-Pw");
  }
}

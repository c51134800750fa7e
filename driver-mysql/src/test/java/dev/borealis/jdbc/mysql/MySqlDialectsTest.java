package dev.borealis.jdbc.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.borealis.jdbc.spi.Dialect;
import dev.borealis.jdbc.spi.HostSpec;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MySqlDialectsTest {

  private final MySqlEngine engine = new MySqlEngine();

  @Test
  void dialectsAreOrderedMostSpecificFirstWithPlainReplicationAsFallback() {
    assertThat(engine.dialects()).extracting(Dialect::code)
        .containsExactly("aurora-mysql", "rds-multi-az-mysql", "mysql");
    assertThat(engine.dialects()).extracting(Dialect::topologyFromServer).containsExactly(true, true, false);
  }

  @Test
  void physicalUrlsBracketIpv6AndCarryNoProperties() {
    assertThat(engine.physicalUrl(HostSpec.of("::1", 3307), "app")).isEqualTo("jdbc:mysql://[::1]:3307/app");
    assertThat(engine.physicalUrl(HostSpec.of("db.example", 3306), "app")).isEqualTo("jdbc:mysql://db.example:3306/app");
  }

  @ParameterizedTest(name = "SQLSTATE {0} code {1}: lost={2} readOnly={3}")
  @CsvSource({
      "08S01, 0, true, false",
      "08001, 0, true, false",
      "08003, 0, true, false",
      "08004, 0, false, false",
      "HY000, 1290, false, true",
      "HY000, 1836, false, true",
      "HY000, 1062, false, false",
      "23000, 1062, false, false",
      "40001, 1213, false, false",
      "28000, 1045, false, false"})
  void errorsAreClassifiedLikeAurorasClients(String state, int code, boolean lost, boolean readOnly) {
    SQLException e = new SQLException("x", state, code);
    for (Dialect d : engine.dialects()) {
      assertThat(d.isConnectionLost(e)).as(d.code()).isEqualTo(lost);
      assertThat(d.isReadOnlyError(e)).as(d.code()).isEqualTo(readOnly);
    }
  }

  @Test
  void aWrappedCauseIsClassifiedToo() {
    SQLException e = new SQLException("wrapper", "HY000", new SQLException("gone", "08S01"));
    assertThat(new AuroraMySqlDialect().isConnectionLost(e)).isTrue();
  }

  @Test
  void theTopologyQueryFindsTheWriterByMasterSessionIdAndDropsStaleRows() {
    assertThat(AuroraMySqlDialect.TOPOLOGY).contains("information_schema.replica_host_status")
        .contains("SESSION_ID = 'MASTER_SESSION_ID'").contains("<= 300");
    assertThat(AuroraMySqlDialect.INSTANCE_ID).isEqualTo("SELECT @@aurora_server_id");
    assertThat(AuroraMySqlDialect.READ_ONLY).isEqualTo("SELECT @@innodb_read_only");
    assertThat(RdsMultiAzMySqlDialect.TOPOLOGY).contains("mysql.rds_topology");
  }

  @Test
  void anUnreachableMySqlHostFailsWith08001ThroughTheBorealisDriver() {
    Properties p = new Properties();
    p.setProperty("user", "app");
    p.setProperty("password", "n0t-Logged-Pw");
    p.setProperty("connectTimeout", "2000");
    SQLException e = catchThrowableOfType(SQLException.class,
        () -> DriverManager.getConnection("jdbc:borealis:mysql://127.0.0.1:1/app", p));
    assertThat(e.getSQLState()).isEqualTo("08001");
    assertThat(e.getMessage()).contains("could not connect to any of 1 URL hosts").contains("127.0.0.1:1")
        .doesNotContain("n0t-Logged-Pw");
  }
}

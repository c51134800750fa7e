package dev.borealis.jdbc.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class SessionStateTest {

  @Test
  void everyRecordedSettingIsReplayedOnANewPhysicalConnection() throws SQLException {
    try (Connection target = DriverManager.getConnection("jdbc:h2:mem:session-state", "sa", "")) {
      try (Statement s = target.createStatement()) {
        s.execute("CREATE SCHEMA IF NOT EXISTS other");
      }
      SessionState state = new SessionState();
      Executor direct = Runnable::run;
      state.autoCommit(false);
      state.isolation(Connection.TRANSACTION_SERIALIZABLE);
      state.schema("OTHER");
      state.holdability(ResultSet.CLOSE_CURSORS_AT_COMMIT);
      state.networkTimeout(direct, 1234);
      state.clientInfo("ApplicationName", "borealis-test");
      state.readOnly(true);

      state.applyTo(target);

      assertThat(target.getAutoCommit()).isFalse();
      assertThat(target.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
      assertThat(target.getSchema()).isEqualTo("OTHER");
      assertThat(target.getHoldability()).isEqualTo(ResultSet.CLOSE_CURSORS_AT_COMMIT);
      assertThat(state.readOnly()).isTrue();
      assertThat(state.autoCommit()).isFalse();
      assertThat(state.toString()).contains("networkTimeoutMs=1234");
      target.rollback();
    }
  }

  @Test
  void nothingIsReplayedThatTheApplicationDidNotSet() throws SQLException {
    try (Connection target = DriverManager.getConnection("jdbc:h2:mem:session-state-2", "sa", "")) {
      int isolation = target.getTransactionIsolation();
      new SessionState().applyTo(target);
      assertThat(target.getAutoCommit()).isTrue();
      assertThat(target.getTransactionIsolation()).isEqualTo(isolation);
    }
  }
}

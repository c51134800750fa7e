package dev.borealis.jdbc.postgres.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The fixture itself, including what failover tests need from it: promoting a standby and stopping a server. */
class StreamingReplicationTest {

  @Test
  void aStandbyReplicatesAndCanBePromotedAndAStoppedServerRefusesConnections() throws Exception {
    java.nio.file.Path dataDir;
    try (StreamingReplication r = StreamingReplication.start(1)) {
      StreamingReplication.Server standby = r.standbys().get(0);
      dataDir = standby.dataDir();
      assertThat(r.inRecovery(r.primary())).isFalse();
      assertThat(r.inRecovery(standby)).isTrue();

      r.promote(standby.index());
      assertThat(r.inRecovery(standby)).as("promoted").isFalse();
      try (Connection c = r.connect(standby); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE after_promotion (id INT)");
      }

      r.stopServer(r.primary().index());
      SQLException refused = catchThrowableOfType(SQLException.class, () -> r.connect(r.primary()).close());
      assertThat(refused.getSQLState()).startsWith("08");
    }
    assertThat(Files.exists(dataDir)).as("directories removed on close").isFalse();
  }
}

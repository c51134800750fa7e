package dev.borealis.jdbc.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.borealis.cluster.Engine;
import dev.borealis.jdbc.FailoverSuccessException;
import dev.borealis.jdbc.TransactionStateUnknownException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Writer failover against the embedded cluster's PostgreSQL frontend. */
class PostgresFailoverTest extends WriterCrashContract {

  @Override
  protected Engine engine() {
    return Engine.POSTGRESQL;
  }

  @Override
  protected Class<?> physicalType() {
    return org.postgresql.PGConnection.class;
  }

  @Test
  void aReaderConnectionWhoseInstanceCrashesMovesToAnotherInstance() throws Exception {
    try (Connection c = served.connect("")) {
      c.setReadOnly(true);
      String reader = served.instanceOf(c);
      assertThat(reader).isNotEqualTo(served.writerId());
      served.cluster.crash(reader);

      SQLException e = catchThrowableOfType(SQLException.class, () -> served.instanceOf(c));

      assertThat((Throwable) e).isInstanceOf(FailoverSuccessException.class);
      assertThat(served.instanceOf(c)).isNotEqualTo(reader);
      assertThat(c.isReadOnly()).isTrue();
    }
  }

  @Test
  void losingAnAvailabilityZoneIsInvisibleToTheApplication() throws Exception {
    try (Connection c = served.connect("")) {
      insert(c, 1);
      served.cluster.failAz(1);
      for (int i = 2; i <= 20; i++) {
        insert(c, i);
      }
      served.cluster.recoverAz(1);
      insert(c, 21);
      try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(21);
      }
    }
  }

  @Test
  void aNewConnectionWhileTheWriterIsDownWaitsForTheNewWriter() throws Exception {
    String url = served.url("");
    try (Connection first = served.connect("")) {
      String old = served.crashWriter();
      try (Connection c = java.sql.DriverManager.getConnection(url)) {
        assertThat(served.instanceOf(c)).isNotEqualTo(old);
        insert(c, 5);
      }
    }
  }

  @Test
  void aNewConnectionThroughTheDemotedWritersAddressLandsOnTheVerifiedWriter() throws Exception {
    String staleUrl = served.url("");
    String old = served.writerId();
    served.cluster.failover();
    served.awaitSettled(old);
    try (Connection c = java.sql.DriverManager.getConnection(staleUrl)) {
      assertThat(served.instanceOf(c)).isEqualTo(served.writerId()).isNotEqualTo(old);
      insert(c, 7);
    }
  }

}

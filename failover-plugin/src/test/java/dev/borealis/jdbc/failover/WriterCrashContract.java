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

/** Writer-crash behaviour every engine must show; subclasses pick the engine. */
abstract class WriterCrashContract {

  protected ServedCluster served;

  protected abstract Engine engine();

  @BeforeEach
  void start() throws Exception {
    served = ServedCluster.start(engine(), 2);
    try (Connection c = served.connect(""); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
    }
  }

  @AfterEach
  void stop() {
    served.close();
  }

  @Test
  void writerCrashDuringAutocommitWritesFailsOverWith08S02AndTheRetriedWriteLandsOnTheNewWriter()
      throws Exception {
    try (Connection c = served.connect("")) {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO t VALUES (1)");
      }
      String old = served.crashWriter();

      SQLException e = catchThrowableOfType(SQLException.class, () -> insert(c, 2));

      assertThat((Throwable) e).isInstanceOf(FailoverSuccessException.class);
      assertThat(e.getSQLState()).isEqualTo("08S02");
      insert(c, 2);
      assertThat(served.instanceOf(c)).isNotEqualTo(old).isEqualTo(served.writerId());
      assertThat(c.getAutoCommit()).isTrue();
      try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(2);
      }
    }
  }

  @Test
  void writerCrashInsideATransactionFailsOverWith08007() throws Exception {
    try (Connection c = served.connect("")) {
      c.setAutoCommit(false);
      insert(c, 10);
      served.crashWriter();

      SQLException e = catchThrowableOfType(SQLException.class, () -> insert(c, 11));

      assertThat((Throwable) e).isInstanceOf(TransactionStateUnknownException.class);
      assertThat(e.getSQLState()).isEqualTo("08007");
      c.rollback();
      assertThat(c.getAutoCommit()).as("session state restored").isFalse();
      insert(c, 10);
      insert(c, 11);
      c.commit();
      try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(2);
      }
    }
  }

  static void insert(Connection c, int id) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO t VALUES (" + id + ")");
    }
  }
}

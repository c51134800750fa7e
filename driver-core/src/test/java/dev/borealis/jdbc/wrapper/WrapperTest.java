package dev.borealis.jdbc.wrapper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.borealis.jdbc.fake.FakeCluster;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Properties;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbc.JdbcPreparedStatement;
import org.h2.jdbc.JdbcResultSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The application only ever sees wrappers, and can still reach the target driver's objects with unwrap. */
class WrapperTest {

  private FakeCluster cluster;
  private Connection conn;

  @BeforeEach
  void open() throws SQLException {
    cluster = FakeCluster.aurora("wrap", "w1", "r1");
    Properties p = new Properties();
    p.setProperty("user", FakeCluster.USER);
    p.setProperty("password", FakeCluster.PASSWORD);
    conn = DriverManager.getConnection(cluster.url("wrapperPlugins="), p);
  }

  @AfterEach
  void close() throws SQLException {
    conn.close();
    cluster.close();
  }

  @Test
  void connectionIsAWrapperThatUnwrapsToTheTargetConnection() throws SQLException {
    assertThat(conn).isInstanceOf(ConnectionWrapper.class);
    assertThat(conn.isWrapperFor(JdbcConnection.class)).isTrue();
    assertThat(conn.unwrap(JdbcConnection.class)).isInstanceOf(JdbcConnection.class);
    assertThat(conn.unwrap(Connection.class)).isSameAs(conn);
  }

  @Test
  void statementsResultSetsAndMetadataReturnTheWrappersNotThePhysicalObjects() throws SQLException {
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
      assertThat(s).isInstanceOf(StatementWrapper.class);
      assertThat(s.getConnection()).isSameAs(conn);
      assertThat(rs).isInstanceOf(ResultSetWrapper.class);
      assertThat(rs.getStatement()).isSameAs(s);
      assertThat(rs.unwrap(JdbcResultSet.class)).isInstanceOf(JdbcResultSet.class);
      assertThat(rs.getMetaData()).isInstanceOf(ResultSetMetaDataWrapper.class);
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
    DatabaseMetaData md = conn.getMetaData();
    assertThat(md).isInstanceOf(DatabaseMetaDataWrapper.class);
    assertThat(md.getConnection()).isSameAs(conn);
    try (ResultSet tables = md.getTables(null, null, "ITEMS", null)) {
      assertThat(tables).isInstanceOf(ResultSetWrapper.class);
      assertThat(tables.next()).isTrue();
    }
  }

  @Test
  void preparedAndCallableStatementsAreWrappedAndUnwrap() throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO items VALUES (?, ?)")) {
      assertThat(ps).isInstanceOf(PreparedStatementWrapper.class);
      assertThat(ps.getConnection()).isSameAs(conn);
      assertThat(ps.unwrap(JdbcPreparedStatement.class)).isNotNull();
      assertThat(ps.getParameterMetaData()).isInstanceOf(ParameterMetaDataWrapper.class);
      ps.setInt(1, 7);
      ps.setString(2, "x");
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
    try (CallableStatement cs = conn.prepareCall("SELECT 1")) {
      assertThat(cs).isInstanceOf(CallableStatementWrapper.class);
      assertThat(cs.getConnection()).isSameAs(conn);
    }
  }

  @Test
  void wrappedLobsAndSavepointsGoBackToTheTargetUnwrapped() throws SQLException {
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS blobs(b BLOB)");
    }
    conn.setAutoCommit(false);
    Savepoint sp = conn.setSavepoint("s1");
    assertThat(sp).isInstanceOf(SavepointWrapper.class);
    Blob blob = conn.createBlob();
    assertThat(blob).isInstanceOf(BlobWrapper.class);
    blob.setBytes(1, new byte[] {1, 2, 3});
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO blobs VALUES (?)")) {
      ps.setBlob(1, blob);
      ps.executeUpdate();
    }
    conn.rollback(sp);
    conn.releaseSavepoint(conn.setSavepoint("s2"));
    conn.commit();
  }

  @Test
  void closeIsLogicalAndIdempotent() throws SQLException {
    Connection physical = conn.unwrap(JdbcConnection.class);
    conn.close();
    conn.close();
    assertThat(conn.isClosed()).isTrue();
    assertThat(physical.isClosed()).isTrue();
  }
}

package dev.borealis.benchmarks.stub;

import dev.borealis.jdbc.spi.Dialect;
import dev.borealis.jdbc.spi.TopologyRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The stub "cluster": one writer ({@value #WRITER}) and one reader ({@value #READER}) on port {@value #PORT}, so
 * read/write splitting has somewhere to switch to. A connection's role is the role of the host it was opened to.
 */
public final class StubDialect implements Dialect {

  public static final String WRITER = "writer-1";
  public static final String READER = "reader-1";
  public static final int PORT = 7000;

  @Override
  public String code() {
    return "stub";
  }

  @Override
  public boolean isDialectOf(Connection conn) {
    return true;
  }

  @Override
  public boolean topologyFromServer() {
    return true;
  }

  @Override
  public List<TopologyRow> queryTopology(Connection conn) {
    return List.of(new TopologyRow(WRITER, WRITER, PORT, true, 0),
        new TopologyRow(READER, READER, PORT, false, 0));
  }

  @Override
  public String instanceId(Connection conn) throws SQLException {
    return conn.unwrap(StubConnection.class).host();
  }

  @Override
  public boolean isReader(Connection conn) throws SQLException {
    return conn.unwrap(StubConnection.class).host().startsWith("reader");
  }

  @Override
  public boolean isConnectionLost(SQLException e) {
    return e.getSQLState() != null && e.getSQLState().startsWith("08");
  }

  @Override
  public boolean isReadOnlyError(SQLException e) {
    return "25006".equals(e.getSQLState());
  }
}

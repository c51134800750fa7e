package dev.borealis.jdbc.spi;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * One engine flavour (Aurora MySQL, plain PostgreSQL streaming replication, …): how to recognise it on an open
 * connection, how to read its topology and roles, and what its errors mean. Implementations are stateless.
 */
public interface Dialect {

  /** Short name used by the {@code dialect} property, e.g. {@code aurora-mysql}. */
  String code();

  /** Whether the server behind {@code conn} is this flavour. Must not leave a transaction open. */
  boolean isDialectOf(Connection conn) throws SQLException;

  /**
   * Whether the topology comes from the server ({@code true}) or from the hosts named in the URL, each probed for
   * its role ({@code false}: plain replication, where no server knows its peers).
   */
  boolean topologyFromServer();

  /** The rows of the topology view; only called when {@link #topologyFromServer()}. */
  List<TopologyRow> queryTopology(Connection conn) throws SQLException;

  /** This instance's identifier as the topology names it, or {@code null} where the flavour has none. */
  String instanceId(Connection conn) throws SQLException;

  /** Whether the server behind {@code conn} refuses writes (a reader, a standby, a demoted writer). */
  boolean isReader(Connection conn) throws SQLException;

  /** Whether the error means the connection (or its server) is gone and another instance should be tried. */
  boolean isConnectionLost(SQLException e);

  /** Whether the error means the server refused a write because it is read-only now. */
  boolean isReadOnlyError(SQLException e);
}

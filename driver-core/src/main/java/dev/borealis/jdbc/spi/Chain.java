package dev.borealis.jdbc.spi;

import java.sql.SQLException;

/**
 * One step of a JDBC call's way through the plugins. A plugin may inspect the call, act before and after
 * {@link #proceed()}, or answer without proceeding; it may call {@code proceed()} at most once (a second call fails
 * with an error naming the plugin). To retry on another connection, switch with {@link PluginContext} and let the
 * failure surface as the failover exceptions require, rather than proceeding twice.
 */
public interface Chain {

  JdbcMethod method();

  /** The arguments as the application passed them; do not modify the array. */
  Object[] args();

  /** The physical object the call is made on (a target-driver Connection, Statement, ResultSet …). */
  Object target();

  PluginContext context();

  /** Passes the call to the next plugin or, after the last one, to the target driver. */
  Object proceed() throws SQLException;
}

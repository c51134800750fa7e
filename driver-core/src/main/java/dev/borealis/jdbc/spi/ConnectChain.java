package dev.borealis.jdbc.spi;

import java.sql.Connection;
import java.sql.SQLException;

/** One step of opening a physical connection. A plugin may replace the host or open several and keep one. */
public interface ConnectChain {

  /** The host the previous step asked for. */
  HostSpec host();

  /** Whether this opens the logical connection's first physical connection (as opposed to a switch). */
  boolean initial();

  PluginContext context();

  /** Opens a physical connection to {@code host} through the remaining plugins. May be called more than once. */
  Connection proceed(HostSpec host) throws SQLException;
}

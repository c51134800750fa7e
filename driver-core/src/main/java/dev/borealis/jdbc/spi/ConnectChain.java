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

  /**
   * The {@link System#nanoTime()} at which a wait of {@code timeoutMs} ends, counted from the start of the whole
   * {@code connect()} this step belongs to (the application's call, every URL host and every plugin's retries
   * included), not from this step. A plugin bounds its waiting by this, so plugins that call {@code proceed} several
   * times (one per URL host, per sibling endpoint, per candidate) do not each give the plugins after them a fresh
   * wait: a connect takes about the longest of the loaded plugins' timeouts, not their sum or product.
   */
  long deadline(long timeoutMs);

  /**
   * Opens a physical connection to {@code host} through the remaining plugins, with the bound this step was given
   * (none unless a plugin before it set one). May be called more than once.
   */
  Connection proceed(HostSpec host) throws SQLException;

  /**
   * Like {@link #proceed(HostSpec)}, with the connect, the login and the cluster's first queries bounded by about
   * {@code boundMs} (0: only the application's own timeouts), for a plugin that connects on its own account (a
   * failover retrying instance after instance must not wait on a silent one for as long as the application would
   * for its first connection). Afterwards the application's read timeout is restored.
   */
  Connection proceed(HostSpec host, long boundMs) throws SQLException;
}

package dev.borealis.jdbc.spi;

/**
 * Where a plugin sits in every chain. The order of the constants is the order of the chain, outermost first: a
 * plugin of an earlier stage sees a call before, and its result after, the plugins of later stages. Plugins in the
 * same stage keep the order in which {@code wrapperPlugins} lists them.
 */
public enum PluginStage {
  /** Chooses the very first physical connection (stale DNS, endpoint roles). */
  INITIAL_CONNECTION,
  /** Observes where connections sit; must see every switch, so it wraps the routing stages. */
  CONNECTION_TRACKING,
  /** Moves the logical connection between writer and readers on request. */
  READ_WRITE_SPLITTING,
  /** Replaces a lost physical connection; innermost routing stage so it sees raw failures. */
  FAILOVER,
  /** Watches the live connection's health. */
  FAILURE_MONITORING,
  /** Third-party plugins that only observe calls (metrics, tracing). */
  OBSERVATION,
  /**
   * Supplies credentials (a secret store, IAM tokens); innermost, so every physical connect (the first, a switch,
   * a failover's) that fails authentication is retried once with refreshed credentials before others see it.
   */
  AUTHENTICATION
}

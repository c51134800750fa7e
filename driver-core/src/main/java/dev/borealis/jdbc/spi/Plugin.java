package dev.borealis.jdbc.spi;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/**
 * A unit of driver behaviour wrapped around JDBC calls. One instance per logical connection; it only sees the
 * methods it {@linkplain #subscriptions() subscribes} to, so a method nobody subscribes to goes straight to the
 * target driver. Events ({@link #connect}, {@link #hostListChanged}, {@link #connectionChanged}) arrive whether or
 * not the plugin subscribes to methods; {@link #hostListChanged} arrives on the cluster's refresh thread.
 */
public interface Plugin {

  /** The code that selects this plugin in {@code wrapperPlugins}; used in error messages. */
  String code();

  /** Fixed for the plugin's class: chains are built once per plugin set from it. */
  Set<JdbcMethod> subscriptions();

  /** Called only for subscribed methods. */
  default Object intercept(Chain chain) throws SQLException {
    return chain.proceed();
  }

  /** Opening a physical connection (the first one and every later switch target). */
  default Connection connect(ConnectChain chain) throws SQLException {
    return chain.proceed(chain.host());
  }

  /** The cluster's membership or roles changed (a reader added or removed, a failover). */
  default void hostListChanged(Topology previous, Topology current) {
  }

  /** The logical connection now sits on {@code current}; {@code previous} is null for the first connection. */
  default void connectionChanged(HostSpec previous, HostSpec current) {
  }

  /** The logical connection is closing; release what the plugin holds (cached connections). */
  default void close() {
  }
}

package dev.borealis.jdbc.failover;

import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.spi.JdbcMethod;
import dev.borealis.jdbc.spi.Plugin;
import dev.borealis.jdbc.spi.PluginContext;
import java.sql.Connection;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Enhanced failure monitoring: keeps the logical connection's current physical connection registered with its
 * instance's shared monitor. Subscribes to no JDBC method, so it costs nothing per call.
 */
final class MonitoringPlugin implements Plugin {

  static final String CODE = "efm";

  private final PluginContext context;
  private final MonitorSettings settings;
  private final FailoverSettings failover;
  /** connectionChanged may come from a failover on the app thread while close() runs on another. */
  private final ReentrantLock lock = new ReentrantLock();
  private Connection watched;
  private HostSpec watchedHost;

  MonitoringPlugin(PluginContext context) {
    this.context = context;
    this.settings = MonitorSettings.of(context.config());
    this.failover = FailoverSettings.of(context.config());
  }

  @Override
  public String code() {
    return CODE;
  }

  @Override
  public Set<JdbcMethod> subscriptions() {
    return Set.of();
  }

  @Override
  public void connectionChanged(HostSpec previous, HostSpec current) {
    lock.lock();
    try {
      switchTo(current);
    } finally {
      lock.unlock();
    }
  }

  private void switchTo(HostSpec current) {
    release();
    Connection physical = context.currentConnection();
    if (physical == null || current == null) {
      return;
    }
    watched = physical;
    watchedHost = current;
    HostMonitors.watch(context.clusterId(), current, physical, settings, context::connectDirect, this::missed);
  }

  /**
   * A monitor's missed probe: when the host is the writer this JVM knows, whether the cluster still has it as its
   * writer, found by a (shared) writer search; see {@link HostMonitor.Suspicion}.
   */
  private ClusterFailover.Confirmation missed(HostSpec host) {
    boolean writer = context.topology().writer().filter(w -> w.sameAddress(host)).isPresent();
    if (!writer || context.dialect() == null) {
      return ClusterFailover.Confirmation.answered(null);
    }
    return ClusterFailover.of(context.clusterId()).confirmWriter(context, failover, host);
  }

  @Override
  public void close() {
    lock.lock();
    try {
      release();
    } finally {
      lock.unlock();
    }
  }

  private void release() {
    if (watched != null) {
      HostMonitors.unwatch(context.clusterId(), watchedHost, watched);
      watched = null;
      watchedHost = null;
    }
  }
}

package dev.borealis.jdbc.pipeline;

import dev.borealis.jdbc.spi.ConnectChain;
import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.spi.JdbcMethod;
import dev.borealis.jdbc.spi.Plugin;
import dev.borealis.jdbc.spi.PluginContext;
import dev.borealis.jdbc.spi.Topology;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The plugins of one logical connection, in stage order, and the entry points the wrappers call. Wrappers ask
 * {@link #direct(JdbcMethod)} first and only build arguments and a {@link TargetCall} when a plugin subscribes.
 */
public final class Pipeline {

  private static final Logger LOG = Logger.getLogger(Pipeline.class.getName());

  private final Plugin[] plugins;
  private final int[][] byMethod;
  private final PluginContext context;

  public Pipeline(List<Plugin> pluginsInOrder, PluginContext context) {
    this.plugins = pluginsInOrder.toArray(new Plugin[0]);
    this.byMethod = PipelineLayout.forPlugins(plugins).byMethod;
    this.context = context;
  }

  /** Whether no plugin subscribes to {@code m}, so the wrapper may call the target itself. */
  public boolean direct(JdbcMethod m) {
    return byMethod[m.ordinal()] == null;
  }

  /**
   * Runs {@code m} through its subscribers and the target. {@code resultType} is the boxed return type checked
   * against what the plugins return ({@code null} for void methods).
   */
  public Object call(JdbcMethod m, Class<?> resultType, Object target, Object[] args, TargetCall<?> call)
      throws SQLException {
    int[] chain = byMethod[m.ordinal()];
    if (chain == null) {
      return call.call();
    }
    Object result = new RealChain(this, chain, 0, m, target, args, call).proceed();
    checkResult(m, resultType, result);
    return result;
  }

  private void checkResult(JdbcMethod m, Class<?> resultType, Object result) {
    if (resultType == null) {
      return;
    }
    boolean primitive = Number.class.isAssignableFrom(resultType) || resultType == Boolean.class;
    if (result == null ? primitive : !resultType.isInstance(result)) {
      throw new IllegalStateException("plugins " + codes(byMethod[m.ordinal()]) + " returned "
          + (result == null ? "null" : result.getClass().getName()) + " from " + m.displayName()
          + ", which must return " + resultType.getSimpleName());
    }
  }

  private String codes(int[] chain) {
    StringBuilder sb = new StringBuilder("[");
    for (int i : chain) {
      sb.append(sb.length() > 1 ? ", " : "").append(plugins[i].code());
    }
    return sb.append(']').toString();
  }

  Plugin plugin(int index) {
    return plugins[index];
  }

  PluginContext context() {
    return context;
  }

  /**
   * Opens a physical connection to {@code host} through every plugin's connect hook, then {@code opener}, bounded by
   * about {@code boundMs} (0: the application's own timeouts; a plugin may set a bound for the steps after it).
   */
  public Connection connect(HostSpec host, boolean initial, long boundMs, PhysicalOpener opener)
      throws SQLException {
    return connect(host, initial, boundMs, System.nanoTime(), opener);
  }

  /**
   * As {@link #connect(HostSpec, boolean, long, PhysicalOpener)}, as part of a connect that began at {@code
   * startNanos} ({@link System#nanoTime()}): the plugins' waits count from there ({@link ConnectChain#deadline}).
   */
  public Connection connect(HostSpec host, boolean initial, long boundMs, long startNanos, PhysicalOpener opener)
      throws SQLException {
    return new RealConnectChain(0, host, initial, boundMs, startNanos, opener).proceed(host);
  }

  /** Tells every plugin; a plugin that throws is logged and does not stop the others. */
  public void hostListChanged(Topology previous, Topology current) {
    for (Plugin p : plugins) {
      try {
        p.hostListChanged(previous, current);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, e, () -> "plugin " + p.code() + " failed on host-list change");
      }
    }
  }

  public void connectionChanged(HostSpec previous, HostSpec current) {
    for (Plugin p : plugins) {
      try {
        p.connectionChanged(previous, current);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, e, () -> "plugin " + p.code() + " failed on connection change to " + current);
      }
    }
  }

  public void close() {
    for (Plugin p : plugins) {
      try {
        p.close();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, e, () -> "plugin " + p.code() + " failed to close");
      }
    }
  }

  /** The last step of the connect chain: what core does to open a physical connection. */
  @FunctionalInterface
  public interface PhysicalOpener {
    /** With {@code boundMs > 0}, the connect, login and first queries are bounded by about that long. */
    Connection open(HostSpec host, long boundMs) throws SQLException;
  }

  private final class RealConnectChain implements ConnectChain {
    private final int index;
    private final HostSpec host;
    private final boolean initial;
    private final long boundMs;
    private final long startNanos;
    private final PhysicalOpener opener;

    RealConnectChain(int index, HostSpec host, boolean initial, long boundMs, long startNanos,
        PhysicalOpener opener) {
      this.index = index;
      this.host = host;
      this.initial = initial;
      this.boundMs = boundMs;
      this.startNanos = startNanos;
      this.opener = opener;
    }

    @Override
    public long deadline(long timeoutMs) {
      return startNanos + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMs));
    }

    @Override
    public HostSpec host() {
      return host;
    }

    @Override
    public boolean initial() {
      return initial;
    }

    @Override
    public PluginContext context() {
      return context;
    }

    @Override
    public Connection proceed(HostSpec target) throws SQLException {
      return proceed(target, boundMs);
    }

    @Override
    public Connection proceed(HostSpec target, long bound) throws SQLException {
      if (bound < 0) {
        throw new IllegalArgumentException("connect bound for " + target.hostAndPort() + ": " + bound
            + " ms is negative (0 means the application's own timeouts)");
      }
      if (index >= plugins.length) {
        return opener.open(target, bound);
      }
      Plugin p = plugins[index];
      Connection c = p.connect(new RealConnectChain(index + 1, target, initial, bound, startNanos, opener));
      if (c == null) {
        throw new IllegalStateException("plugin " + p.code() + " returned no connection from connect() for "
            + target.hostAndPort());
      }
      return c;
    }
  }
}

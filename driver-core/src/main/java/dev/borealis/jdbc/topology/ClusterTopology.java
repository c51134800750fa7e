package dev.borealis.jdbc.topology;

import dev.borealis.jdbc.selection.HostSelector;
import dev.borealis.jdbc.selection.HostSelectors;
import dev.borealis.jdbc.selection.HostStats;
import dev.borealis.jdbc.spi.Dialect;
import dev.borealis.jdbc.spi.HostRole;
import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.spi.Topology;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One cluster's host list provider: the last topology read, the dialect, per-host stats and selectors, and the
 * refresh thread. Refreshes (background and on demand) are serialised; listeners hear only membership or role
 * changes, not lag updates.
 */
public final class ClusterTopology {

  private static final Logger LOG = Logger.getLogger(ClusterTopology.class.getName());

  /** Told when the cluster's membership or roles change; called on the refreshing thread. */
  public interface Listener {
    void hostListChanged(Topology previous, Topology current);
  }

  private final ClusterSettings settings;
  private final LongSupplier nanoClock;
  private final HostStats stats = new HostStats();
  private final Map<String, HostSelector> selectors = new ConcurrentHashMap<>();
  private final Set<Listener> listeners = new CopyOnWriteArraySet<>();
  private final ReentrantLock refreshLock = new ReentrantLock();
  /** Orders publications from the refresh thread and from failover probes (which do not take refreshLock). */
  private final ReentrantLock publishLock = new ReentrantLock();
  private final TopologyReader reader;
  private volatile Dialect dialect;
  private volatile Topology topology;
  private volatile int users;
  private volatile Refresher refresher;

  public ClusterTopology(ClusterSettings settings, LongSupplier nanoClock) {
    this.settings = settings;
    this.nanoClock = nanoClock;
    this.reader = new TopologyReader(settings);
    this.topology = Topology.fromUrl(settings.urlHosts(), nanoClock.getAsLong());
  }

  public String id() {
    return settings.id();
  }

  public ClusterSettings settings() {
    return settings;
  }

  public HostStats stats() {
    return stats;
  }

  public Topology topology() {
    return topology;
  }

  public Dialect dialect() {
    return dialect;
  }

  public HostSelector selector(String strategy) {
    return selectors.computeIfAbsent(strategy,
        s -> HostSelectors.create(s, stats, settings.weights(), ThreadLocalRandom.current()));
  }

  public void addListener(Listener l) {
    listeners.add(l);
  }

  public void removeListener(Listener l) {
    listeners.remove(l);
  }

  /** The cluster's dialect, detected on {@code conn} the first time (or taken from the configured code). */
  public Dialect dialect(Connection conn) throws SQLException {
    Dialect d = dialect;
    if (d == null) {
      d = DialectDetector.detect(settings, conn);
      dialect = d;
      LOG.fine(() -> "cluster " + id() + ": dialect " + dialect.code());
    }
    return d;
  }

  /** Reads the topology with the provider's own connection (or by probing URL hosts). */
  public Topology refresh() throws SQLException {
    refreshLock.lock();
    try {
      Dialect d = dialect;
      if (d == null) {
        return topology;
      }
      return publish(reader.read(d, topology, nanoClock.getAsLong()));
    } finally {
      refreshLock.unlock();
    }
  }

  /** Reads the topology through a connection the caller already has (the first connection to the cluster). */
  public Topology refreshWith(Connection conn) throws SQLException {
    refreshLock.lock();
    try {
      Dialect d = dialect(conn);
      if (!d.topologyFromServer()) {
        return publish(reader.read(d, topology, nanoClock.getAsLong()));
      }
      long started = nanoClock.getAsLong();
      return publish(reader.fromRows(d.queryTopology(conn), started));
    } finally {
      refreshLock.unlock();
    }
  }

  /**
   * Reads the topology through a connection the caller owns without taking the refresh lock, so a refresh stuck
   * on a dead host does not hold up a failover; the result is published like any other.
   */
  public Topology refreshThrough(Connection conn) throws SQLException {
    Dialect d = dialect(conn);
    if (!d.topologyFromServer()) {
      return topology;
    }
    long started = nanoClock.getAsLong();
    return publish(reader.fromRows(d.queryTopology(conn), started));
  }

  /**
   * Installs {@code next} unless a read that started later was installed already: reads run in parallel (a writer
   * search probes every instance at once, and a probe may outlive its round), so a read that began before a
   * promotion can finish after one that saw it, and must not bring the old writer back. A read is dated by when it
   * started ({@link Topology#readAtNanos}).
   */
  Topology publish(Topology next) {
    Topology previous;
    publishLock.lock();
    try {
      previous = topology;
      if (previous.fromTopologyQuery() && next.readAtNanos() - previous.readAtNanos() < 0) {
        LOG.fine(() -> "cluster " + id() + ": dropped a topology read that started before the one installed ("
            + next.hosts() + ")");
        return previous;
      }
      topology = next;
    } finally {
      publishLock.unlock();
    }
    if (!next.sameMembership(previous)) {
      LOG.fine(() -> "cluster " + id() + ": host list changed from " + previous.hosts() + " to " + next.hosts());
      for (Listener l : listeners) {
        try {
          l.hostListChanged(previous, next);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, e, () -> "cluster " + id() + ": host-list listener failed");
        }
      }
    }
    return next;
  }

  /**
   * Whether the topology must be read before it is trusted: never read from the servers yet, or older than one
   * refresh interval (the cluster sat unused while its thread was stopped).
   */
  public boolean isStale() {
    Topology t = topology;
    return !t.fromTopologyQuery()
        || nanoClock.getAsLong() - t.readAtNanos() > java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(
            settings.refreshMs());
  }

  /** The role the topology gives {@code host}, with its id and lag; the spec itself when not in the topology. */
  public HostSpec resolve(HostSpec host) {
    return topology.find(host).orElse(host);
  }

  // ---- lifetime (called by ClusterRegistry under its map lock) -------------------------------------------

  boolean inUse() {
    return users > 0;
  }

  void retain() {
    if (users++ == 0) {
      refresher = new Refresher(this, settings.refreshMs());
      refresher.start();
    }
  }

  /** Returns the refresh thread to stop when this was the last user, else null. */
  Refresher releaseOne() {
    if (--users > 0) {
      return null;
    }
    Refresher r = refresher;
    refresher = null;
    return r;
  }

  /**
   * Stops {@code r} (taken by {@link #releaseOne()}) and closes the topology connection; a later retain() starts a
   * new thread, and the next refresh reopens the connection.
   */
  void shutdown(Refresher r) {
    r.stop();
    refreshLock.lock();
    try {
      reader.close();
    } finally {
      refreshLock.unlock();
    }
  }

  /**
   * Makes the refresh thread re-read the topology every {@code intervalMs} for the next {@code durationMs}, e.g.
   * while a failover is in progress and the new writer has yet to appear.
   */
  public void refreshFastFor(long durationMs, long intervalMs) {
    Refresher r = refresher;
    if (r != null) {
      r.fast(durationMs, intervalMs);
    }
  }

  /** The refresh thread, for tests and diagnostics. */
  public Thread refreshThread() {
    Refresher r = refresher;
    return r == null ? null : r.thread();
  }

  /** Writer first, then the rest by address, so logs and comparisons read stably. */
  static List<HostSpec> writerFirst(List<HostSpec> hosts) {
    List<HostSpec> sorted = new ArrayList<>(hosts);
    sorted.sort((a, b) -> {
      if (a.role() != b.role()) {
        return a.role() == HostRole.WRITER ? -1 : b.role() == HostRole.WRITER ? 1 : 0;
      }
      return a.hostAndPort().compareTo(b.hostAndPort());
    });
    return sorted;
  }

  @Override
  public String toString() {
    return "cluster " + id() + " " + topology.hosts();
  }
}

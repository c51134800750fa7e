package dev.borealis.jdbc.failover;

import dev.borealis.jdbc.spi.HostSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches one instance for the connections on it. States: probing (every interval it runs a trivial query on a
 * connection of its own, bounded by the probe timeout, reopening that connection when a probe failed); dead (after
 * {@code failureCount} failures in a row: every watched connection older than the grace period is aborted, so a
 * thread stuck in a socket read returns at once; then probing resumes); stopped (no connection left: the thread
 * ends and closes its connection). Its thread is a named daemon; no lock is held around I/O.
 */
final class HostMonitor implements Runnable {

  private static final Logger LOG = Logger.getLogger(HostMonitor.class.getName());

  /** Opens the monitor's own connection, its connect and reads bounded by {@code timeoutMs}. */
  @FunctionalInterface
  interface Opener {
    Connection open(HostSpec host, long timeoutMs) throws SQLException;
  }

  private final String clusterId;
  private final HostSpec host;
  private final MonitorSettings settings;
  private final Opener opener;
  /** Watched physical connections and when each started to be watched. */
  private final Map<Connection, Long> watched = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean stopped;
  private Connection probe;
  private int failures;
  /** Misses right after a stall of this JVM; see {@link #stalled}. */
  private int inconclusive;

  HostMonitor(String clusterId, HostSpec host, MonitorSettings settings, Opener opener) {
    this.clusterId = clusterId;
    this.host = host;
    this.settings = settings;
    this.opener = opener;
    this.thread = new Thread(this, "borealis-efm-" + clusterId + "-" + host.hostAndPort());
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  void watch(Connection c) {
    watched.put(c, System.nanoTime());
  }

  /** Returns whether nothing is watched any more. */
  boolean unwatch(Connection c) {
    watched.remove(c);
    return watched.isEmpty();
  }

  void stop() {
    stopped = true;
    LockSupport.unpark(thread);
  }

  Thread thread() {
    return thread;
  }

  @Override
  public void run() {
    long intervalNanos = TimeUnit.MILLISECONDS.toNanos(settings.intervalMs());
    long due = System.nanoTime();
    try {
      while (!stopped) {
        long start = System.nanoTime();
        long budgetMs = probe == null ? openBoundMs(settings.timeoutMs()) : settings.timeoutMs();
        boolean answered = probeOnce();
        long took = System.nanoTime() - start;
        HostMonitors.probed(clusterId);
        if (answered) {
          failures = 0;
          inconclusive = 0;
        } else if (stalled(start - due, took, budgetMs, settings.timeoutMs())) {
          inconclusive++;
          LOG.fine(() -> "cluster " + clusterId + ": probe of " + host + " failed after a stall of this JVM ("
              + TimeUnit.NANOSECONDS.toMillis(took) + " ms for a " + budgetMs + " ms bound); not counted as a miss");
        } else {
          failures++;
        }
        if (failures >= settings.failureCount() || failures + inconclusive >= 2 * settings.failureCount()) {
          abortWatched();
          failures = 0;
          inconclusive = 0;
        }
        due = System.nanoTime() + intervalNanos;
        LockSupport.parkNanos(this, intervalNanos);
      }
    } finally {
      closeProbe();
    }
  }

  /**
   * The longest opening the probe connection may wait without an answer: the probe timeout (it bounds each read
   * of the handshake, not their sum), which pgJDBC rounds up to whole seconds.
   */
  static long openBoundMs(long timeoutMs) {
    return Math.max(1_000, timeoutMs);
  }

  /**
   * Whether a failed probe says nothing about the host because this thread did not run on time: it woke up more
   * than a probe timeout late, or the probe overran its own bound by more than a probe timeout (a GC pause or a
   * starved CPU froze the monitor, and with it the clock its timeout runs on). Such a miss is not counted as one,
   * except that twice the failure count of misses in a row, counted or not, still means dead: a dead host on an
   * overloaded machine must be found too, only later.
   */
  static boolean stalled(long lateNanos, long tookNanos, long budgetMs, long timeoutMs) {
    long slack = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    return lateNanos > slack || tookNanos > TimeUnit.MILLISECONDS.toNanos(budgetMs) + slack;
  }

  private boolean probeOnce() {
    try {
      if (probe == null) {
        probe = opener.open(host, settings.timeoutMs());
      }
      try (Statement s = probe.createStatement()) {
        s.execute("SELECT 1");
      }
      return true;
    } catch (SQLException | RuntimeException e) {
      LOG.finer(() -> "cluster " + clusterId + ": probe of " + host + " failed: " + e.getMessage());
      closeProbe();
      return false;
    }
  }

  private void abortWatched() {
    long now = System.nanoTime();
    long grace = TimeUnit.MILLISECONDS.toNanos(settings.graceMs());
    int aborted = 0;
    for (Map.Entry<Connection, Long> e : watched.entrySet()) {
      if (now - e.getValue() >= grace) {
        FailoverPlugin.abortQuietly(e.getKey());
        watched.remove(e.getKey());
        aborted++;
      }
    }
    int n = aborted;
    HostMonitors.aborted(clusterId, aborted);
    LOG.warning(() -> "cluster " + clusterId + ": " + host + " failed " + settings.failureCount()
        + " probes in a row (timeout " + settings.timeoutMs() + " ms); aborted " + n + " connections on it");
  }

  private void closeProbe() {
    Connection c = probe;
    probe = null;
    if (c != null) {
      try {
        c.abort(Runnable::run);
      } catch (SQLException | RuntimeException e) {
        LOG.log(Level.FINER, "closing the probe connection failed", e);
      }
    }
  }
}

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
 * thread stuck in a socket read returns at once; then probing resumes); idle (no connection left: no probes); retired
 * (idle for the linger period: the thread unregisters itself, ends and closes its connection). Its thread is a named daemon; no lock is held around I/O.
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

  void unwatch(Connection c) {
    watched.remove(c);
  }

  boolean idle() {
    return watched.isEmpty();
  }

  /**
   * How long a monitor with nothing to watch stays up before it retires: long enough that a connection switching
   * between the writer and a reader (read/write splitting) keeps both monitors, short enough that the driver holds
   * no thread for a cluster soon after its last connection closed.
   */
  long lingerNanos() {
    return TimeUnit.MILLISECONDS.toNanos(Math.max(1_000, 3 * settings.intervalMs()));
  }

  Thread thread() {
    return thread;
  }

  @Override
  public void run() {
    long intervalNanos = TimeUnit.MILLISECONDS.toNanos(settings.intervalMs());
    long idleSince = 0;
    try {
      while (true) {
        if (idle()) {
          long now = System.nanoTime();
          idleSince = idleSince == 0 ? now : idleSince;
          if (now - idleSince >= lingerNanos() && HostMonitors.retire(clusterId, host, this)) {
            return;
          }
          LockSupport.parkNanos(this, intervalNanos);
          continue;
        }
        idleSince = 0;
        long start = System.nanoTime();
        boolean opening = probe == null;
        boolean answered = probeOnce();
        long took = System.nanoTime() - start;
        HostMonitors.probed(clusterId);
        if (answered) {
          failures = 0;
          inconclusive = 0;
        } else if (!opening && stalled(took, settings.timeoutMs())) {
          inconclusive++;
          LOG.fine(() -> "cluster " + clusterId + ": probe of " + host + " failed after a stall of this JVM ("
              + TimeUnit.NANOSECONDS.toMillis(took) + " ms for a " + settings.timeoutMs() + " ms timeout); not "
              + "counted as a miss");
        } else {
          failures++;
        }
        if (failures >= settings.failureCount() || failures + inconclusive >= 2 * settings.failureCount()) {
          abortWatched();
          failures = 0;
          inconclusive = 0;
        }
        LockSupport.parkNanos(this, intervalNanos);
      }
    } finally {
      HostMonitors.forget(clusterId, host, this); // whatever ended the thread, a dead monitor must not stay registered
      closeProbe();
    }
  }

  /**
   * Each read while opening the probe connection may wait twice the probe timeout, at least a second: the server
   * does more for a new session (authentication, session set-up) than for {@code SELECT 1}, so a busy host that
   * answers its probes in time could miss the probe timeout there, and after one miss the monitor always opens a
   * new connection. A silent host still fails the open within this per read.
   */
  static long openTimeoutMs(long timeoutMs) {
    return Math.max(1_000, 2 * timeoutMs);
  }

  /**
   * Whether a failed {@code SELECT 1} on the open probe connection (one read, bounded by the probe timeout) says
   * nothing about the host because this thread did not run while it waited: it took more than twice its timeout
   * (a GC pause or a starved CPU froze the monitor, and with it the clock its timeout runs on). A late wake-up
   * before the probe does not count: the probe then ran with its full timeout. Opening the probe connection is not
   * judged this way: its duration is not one bounded wait (pgJDBC, for one, retries without TLS after a timed-out
   * TLS request), so a failed open always counts. Such a miss is not counted as one, except that twice the failure
   * count of misses in a row, counted or not, still means dead: a dead host on an overloaded machine must be found
   * too, only later.
   */
  static boolean stalled(long tookNanos, long timeoutMs) {
    return tookNanos > TimeUnit.MILLISECONDS.toNanos(2 * timeoutMs);
  }

  private boolean probeOnce() {
    try {
      if (probe == null) {
        probe = opener.open(host, openTimeoutMs(settings.timeoutMs()));
        probe.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, settings.timeoutMs()));
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

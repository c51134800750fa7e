package dev.borealis.jdbc.failover;

import dev.borealis.jdbc.spi.HostSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches one instance for the connections on it. States: probing (every interval it runs a trivial query on a
 * connection of its own, bounded by the probe timeout, reopening that connection when a probe failed; a miss on
 * the writer also asks, through a shared writer search, whether the cluster promoted another instance, and a
 * promotion confirmed that way aborts the host's connections at once); dead (after
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

  /**
   * Told of every missed probe: answers, without blocking, with the writer the cluster has now (a search confirms
   * it), or null when that cannot be told (the host is not the writer, say). A writer that missed a probe while the
   * cluster promoted another instance has lost its role: its connections are aborted at once, without waiting for
   * the failure count (a blackholed writer is otherwise found only by its missed probes, seconds later).
   */
  @FunctionalInterface
  interface Suspicion {
    ClusterFailover.Confirmation missed(HostSpec host);
  }

  private final String clusterId;
  private final HostSpec host;
  private final MonitorSettings settings;
  private final Opener opener;
  private final Suspicion suspicion;
  /** The confirmation asked after the last miss; a new one is asked only once it has answered. */
  private ClusterFailover.Confirmation confirming;
  /** Watched physical connections and when each started to be watched. */
  private final Map<Connection, Long> watched = new ConcurrentHashMap<>();
  private final Thread thread;
  private Connection probe;
  /** Opening the probe connection on a thread of its own, when that took longer than {@link #openTimeoutMs}. */
  private CompletableFuture<Connection> opening;
  private int failures;
  /** Misses right after a stall of this JVM; see {@link #stalled}. */
  private int inconclusive;

  HostMonitor(String clusterId, HostSpec host, MonitorSettings settings, Opener opener, Suspicion suspicion) {
    this.clusterId = clusterId;
    this.host = host;
    this.settings = settings;
    this.opener = opener;
    this.suspicion = suspicion;
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
          withdrawConfirmation();
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
        boolean reopening = probe == null;
        boolean answered = probeOnce();
        long took = System.nanoTime() - start;
        HostMonitors.probed(clusterId);
        if (answered) {
          failures = 0;
          inconclusive = 0;
          withdrawConfirmation();
        } else {
          confirmRole();
          if (!reopening && stalled(took, settings.timeoutMs())) {
            inconclusive++;
            LOG.fine(() -> "cluster " + clusterId + ": probe of " + host + " failed after a stall of this JVM ("
                + TimeUnit.NANOSECONDS.toMillis(took) + " ms for a " + settings.timeoutMs() + " ms timeout); not "
                + "counted as a miss");
          } else {
            failures++;
          }
        }
        if (failures >= settings.failureCount() || failures + inconclusive >= 2 * settings.failureCount()) {
          abortWatched();
          failures = 0;
          inconclusive = 0;
        }
        LockSupport.parkNanos(this, intervalNanos);
      }
    } finally {
      withdrawConfirmation();
      HostMonitors.forget(clusterId, host, this); // whatever ended the thread, a dead monitor must not stay registered
      closeProbe();
    }
  }

  /**
   * How long opening the probe connection may take before it counts as a miss: twice the probe timeout, at least a
   * second. The server does more for a new session (authentication, session set-up) than for {@code SELECT 1}, so a
   * busy host that answers its probes in time could miss the probe timeout there, and after one miss the monitor
   * always opens a new connection. Each read of the open is bounded by this too, but the open as a whole is not
   * (pgJDBC, for one, retries without TLS after a timed-out TLS request, doubling the wait on a silent host), so the
   * monitor opens on a thread of its own and counts the miss when this has passed, letting the open run on.
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
      if (probe == null && (probe = openProbe()) == null) {
        return false;
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

  /**
   * The probe connection, or null when opening it failed or is still running after {@link #openTimeoutMs}: a miss.
   * An open still running is waited for again by the next probe instead of starting another.
   */
  private Connection openProbe() throws SQLException {
    if (opening == null) {
      CompletableFuture<Connection> f = new CompletableFuture<>();
      long openMs = openTimeoutMs(settings.timeoutMs());
      Thread t = new Thread(() -> {
        try {
          Connection c = opener.open(host, openMs);
          c.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, settings.timeoutMs()));
          if (!f.complete(c)) {
            FailoverPlugin.abortQuietly(c); // the monitor gave up on it (retired)
          }
        } catch (SQLException | RuntimeException e) {
          f.completeExceptionally(e);
        }
      }, "borealis-efm-open-" + clusterId + "-" + host.hostAndPort());
      t.setDaemon(true);
      opening = f;
      t.start();
    }
    try {
      Connection c = opening.get(openTimeoutMs(settings.timeoutMs()), TimeUnit.MILLISECONDS);
      opening = null;
      return c;
    } catch (TimeoutException stillOpening) {
      LOG.finer(() -> "cluster " + clusterId + ": opening a probe connection to " + host + " takes longer than "
          + openTimeoutMs(settings.timeoutMs()) + " ms");
      return null;
    } catch (ExecutionException e) {
      opening = null;
      throw e.getCause() instanceof SQLException se ? se
          : new SQLException("opening a probe connection to " + host + " failed: " + e.getCause(), "08001",
              e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** After a miss: asks whether the cluster still has this host as its writer (once at a time, never blocking). */
  private void confirmRole() {
    if (idle() || confirming != null && !confirming.answer().isDone()) {
      return; // nothing to abort (the last connection left during the probe), or already asked
    }
    try {
      confirming = suspicion.missed(host);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "cluster " + clusterId + ": could not confirm the role of " + host, e);
      return;
    }
    confirming.answer().whenComplete((writer, failed) -> {
      if (writer != null && !writer.sameAddress(host)) {
        demoted(writer);
      }
    });
  }

  /** The host answered again, or nothing is left to watch: the question no longer keeps a search running. */
  private void withdrawConfirmation() {
    if (confirming != null) {
      confirming.withdraw();
      confirming = null;
    }
  }

  /**
   * The cluster promoted {@code writer} while this host stopped answering: every connection on it is aborted now,
   * the young ones too (none of them can write any more). Runs on the thread that confirmed the promotion.
   */
  private void demoted(HostSpec writer) {
    int aborted = 0;
    for (Connection c : watched.keySet()) {
      if (watched.remove(c) != null) {
        FailoverPlugin.abortQuietly(c);
        aborted++;
      }
    }
    int n = aborted;
    HostMonitors.aborted(clusterId, aborted);
    LOG.warning(() -> "cluster " + clusterId + ": " + host + " stopped answering and the cluster promoted " + writer
        + "; aborted " + n + " connections on it");
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
    CompletableFuture<Connection> pending = opening;
    opening = null;
    if (pending != null && !pending.completeExceptionally(new SQLException("monitor stopped", "08003"))) {
      pending.thenAccept(FailoverPlugin::abortQuietly); // opened just now: not needed any more
    }
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

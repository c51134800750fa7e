package dev.borealis.jdbc.topology;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The cluster's background refresh thread: named after the cluster, daemon, stopped with the last connection. */
final class Refresher implements Runnable {

  private static final Logger LOG = Logger.getLogger(Refresher.class.getName());

  private final ClusterTopology cluster;
  private final long intervalNanos;
  private final Thread thread;
  private volatile boolean stopped;
  private volatile long fastUntilNanos;
  private volatile long fastIntervalNanos;

  Refresher(ClusterTopology cluster, long intervalMs) {
    this.cluster = cluster;
    this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMs);
    this.thread = new Thread(this, "borealis-topology-" + cluster.id());
    this.thread.setDaemon(true);
    // nanoTime has an arbitrary origin: "no fast window" must be a past reading, not 0.
    this.fastUntilNanos = System.nanoTime();
  }

  void start() {
    thread.start();
  }

  Thread thread() {
    return thread;
  }

  @Override
  public void run() {
    long next = System.nanoTime() + intervalNanos;
    while (!stopped) {
      long now = System.nanoTime();
      if (now - fastUntilNanos < 0) {
        next = Math.min(next, now + fastIntervalNanos);
      }
      long wait = next - now;
      if (wait > 0) {
        LockSupport.parkNanos(this, wait);
        continue;
      }
      now = System.nanoTime();
      next = now + (now - fastUntilNanos < 0 ? fastIntervalNanos : intervalNanos);
      try {
        cluster.refresh();
      } catch (SQLException | RuntimeException e) {
        LOG.log(Level.FINE, e, () -> "cluster " + cluster.id() + ": background topology refresh failed, keeping "
            + cluster.topology().hosts());
      }
    }
  }

  /** Refreshes every {@code intervalMs} for the next {@code durationMs}, starting now (during a failover). */
  void fast(long durationMs, long intervalMs) {
    fastIntervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMs);
    fastUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(durationMs);
    LockSupport.unpark(thread);
  }

  void stop() {
    stopped = true;
    LockSupport.unpark(thread);
    if (Thread.currentThread() != thread) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

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

  Refresher(ClusterTopology cluster, long intervalMs) {
    this.cluster = cluster;
    this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMs);
    this.thread = new Thread(this, "borealis-topology-" + cluster.id());
    this.thread.setDaemon(true);
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
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(this, wait);
        continue;
      }
      next = System.nanoTime() + intervalNanos;
      try {
        cluster.refresh();
      } catch (SQLException | RuntimeException e) {
        LOG.log(Level.FINE, e, () -> "cluster " + cluster.id() + ": background topology refresh failed, keeping "
            + cluster.topology().hosts());
      }
    }
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

package dev.borealis.jdbc.customendpoint;

import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Re-reads one custom endpoint's member list every refresh period on its own daemon thread
 * ({@code borealis-custom-endpoint-NAME}). States: reading → waiting → reading … → stopped; {@link #stop()} ends the
 * wait at once and joins the thread. The last good read stays in force while reads fail.
 */
final class EndpointMonitor {

  private static final Logger LOG = Logger.getLogger(EndpointMonitor.class.getName());

  private static final String NO_READ = "no read yet";
  private static final long STOP_WAIT_MS = 2_000;

  private final String name;
  private final DescribeClient client;
  private final long refreshMs;
  private final Thread thread;
  private final Object lock = new Object();
  private EndpointInfo info;
  private long version;
  private String lastError = NO_READ;
  private boolean stopped;
  /** The first read runs at once; later ones after a refresh period. */
  private boolean readBefore;

  EndpointMonitor(String name, DescribeClient client, long refreshMs) {
    this.name = name;
    this.client = client;
    this.refreshMs = refreshMs;
    this.thread = new Thread(this::run, "borealis-custom-endpoint-" + name);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    while (waitForNextRead()) {
      try {
        EndpointInfo read = client.describe(name);
        publish(read);
      } catch (java.io.IOException | RuntimeException e) {
        failed(e);
      }
    }
  }

  private boolean waitForNextRead() {
    synchronized (lock) {
      if (readBefore) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(refreshMs);
        for (long left = refreshMs; !stopped && left > 0;
            left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())) {
          try {
            lock.wait(left);
          } catch (InterruptedException e) {
            return false;
          }
        }
      }
      readBefore = true;
      return !stopped;
    }
  }

  private void publish(EndpointInfo read) {
    synchronized (lock) {
      if (!read.equals(info)) {
        EndpointInfo before = info;
        info = read;
        version++;
        LOG.log(before == null ? Level.FINE : Level.INFO, () -> "custom endpoint " + name + ": now " + read);
      }
      lastError = null;
      lock.notifyAll();
    }
  }

  private void failed(Exception e) {
    synchronized (lock) {
      boolean first = lastError == null || lastError.equals(NO_READ);
      lastError = e.getMessage();
      lock.notifyAll();
      LOG.log(first ? Level.WARNING : Level.FINE, () -> "custom endpoint " + name + ": cannot read the member list"
          + " from " + client.uri() + " (" + e.getMessage() + "); keeping " + (info == null ? "none" : info));
    }
  }

  /** The member list read last, or null before the first good read. */
  EndpointInfo info() {
    synchronized (lock) {
      return info;
    }
  }

  /** Counts changes of the member list; a plugin compares it to see whether to re-check its host. */
  long version() {
    synchronized (lock) {
      return version;
    }
  }

  /** Waits up to {@code timeoutMs} for the first good read; returns it or null, then {@link #lastError()} says why. */
  EndpointInfo await(long timeoutMs) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    synchronized (lock) {
      for (long left = timeoutMs; info == null && !stopped && left > 0;
          left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())) {
        lock.wait(left);
      }
      return info;
    }
  }

  String lastError() {
    synchronized (lock) {
      return lastError;
    }
  }

  /**
   * Ends the thread and waits for it briefly: a wait ends at once, an HTTP call in flight only by its timeout (the
   * thread then ends by itself), which must not hold up the application's {@code close()} for long.
   */
  void stop() {
    synchronized (lock) {
      stopped = true;
      lock.notifyAll();
    }
    thread.interrupt();
    if (Thread.currentThread() != thread) {
      try {
        thread.join(STOP_WAIT_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (thread.isAlive()) {
        LOG.fine(() -> thread.getName() + ": still reading " + client.uri() + "; it ends when the read times out");
      }
    }
  }
}

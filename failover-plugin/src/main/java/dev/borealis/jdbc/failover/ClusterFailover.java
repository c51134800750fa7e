package dev.borealis.jdbc.failover;

import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.spi.PluginContext;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * The writer searches of one cluster. States: idle (maybe remembering the writer the last search found) and
 * searching (one search in flight; every connection that fails meanwhile awaits its result instead of starting its
 * own). A connection that fails shortly after a search ended takes that search's writer, unless that writer is the
 * very instance it lost; callers verify the role on their own connection and ask again without the shortcut.
 */
public final class ClusterFailover {

  private static final Logger LOG = Logger.getLogger(ClusterFailover.class.getName());
  private static final Map<String, ClusterFailover> BY_CLUSTER = new ConcurrentHashMap<>();
  /** How long a search's answer is offered to connections that fail after it ended. */
  private static final long REUSE_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final String clusterId;
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicInteger searches = new AtomicInteger();
  private HostBreakers breakers;
  private CompletableFuture<HostSpec> inFlight;
  private HostSpec lastWriter;
  private long lastFoundNanos;

  private ClusterFailover(String clusterId) {
    this.clusterId = clusterId;
  }

  static ClusterFailover of(String clusterId) {
    return BY_CLUSTER.computeIfAbsent(clusterId, ClusterFailover::new);
  }

  /** How many writer searches ran for the cluster in this JVM; for tests and diagnostics. */
  public static int searchCount(String clusterId) {
    ClusterFailover f = BY_CLUSTER.get(clusterId);
    return f == null ? 0 : f.searches.get();
  }

  /**
   * The cluster's writer as a search verified it: joins the search in flight, or reuses a fresh answer that is
   * not {@code lost}, or starts a search on a thread of its own, bounded by {@code deadlineNanos}.
   */
  HostSpec awaitWriter(PluginContext context, WriterSearch.Settings settings, long breakerOpenMs, HostSpec lost,
      boolean reuse, long deadlineNanos) throws SQLException {
    CompletableFuture<HostSpec> f;
    lock.lock();
    try {
      if (reuse && lastWriter != null && !lastWriter.sameAddress(lost)
          && System.nanoTime() - lastFoundNanos < REUSE_NANOS) {
        return lastWriter;
      }
      if (inFlight == null) {
        inFlight = start(context, settings, breakerOpenMs, deadlineNanos);
      }
      f = inFlight;
    } finally {
      lock.unlock();
    }
    return await(f, deadlineNanos);
  }

  private CompletableFuture<HostSpec> start(PluginContext context, WriterSearch.Settings settings,
      long breakerOpenMs, long deadlineNanos) {
    if (breakers == null) {
      breakers = new HostBreakers(breakerOpenMs);
    }
    int n = searches.incrementAndGet();
    CompletableFuture<HostSpec> f = new CompletableFuture<>();
    WriterSearch search = new WriterSearch(context, settings, breakers);
    Thread t = new Thread(() -> {
      try {
        HostSpec w = search.run(deadlineNanos);
        LOG.info(() -> "cluster " + clusterId + ": writer search " + n + " found " + w + " after " + search.rounds()
            + " rounds");
        finish(f, w);
        f.complete(w);
      } catch (SQLException | RuntimeException e) {
        finish(f, null);
        f.completeExceptionally(e);
      }
    }, "borealis-failover-" + clusterId);
    t.setDaemon(true);
    t.start();
    return f;
  }

  private void finish(CompletableFuture<HostSpec> f, HostSpec writer) {
    lock.lock();
    try {
      if (inFlight == f) {
        inFlight = null;
      }
      if (writer != null) {
        lastWriter = writer;
        lastFoundNanos = System.nanoTime();
      }
    } finally {
      lock.unlock();
    }
  }

  private HostSpec await(CompletableFuture<HostSpec> f, long deadlineNanos) throws SQLException {
    try {
      return f.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof SQLException s ? s : new SQLException("cluster " + clusterId + ": " + cause, "08001",
          cause);
    } catch (TimeoutException e) {
      throw new SQLException("cluster " + clusterId + ": no writer found before the failover deadline", "08001", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("cluster " + clusterId + ": interrupted while waiting for the writer search", "08001",
          e);
    }
  }
}

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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * The writer searches of one cluster. States: idle (maybe remembering the writer the last search found) and
 * searching (one search in flight; every connection that fails meanwhile awaits its result instead of starting its
 * own). A connection that fails shortly after a search ended takes that search's writer, unless that writer is the
 * very instance it lost; callers verify the role on their own connection and ask again without the shortcut.
 *
 * <p>A search runs while someone waits for it: failing connections (each until its own deadline; one that outlives
 * the search it joined starts the next) and failure monitors asking whether their silent writer was replaced (until
 * they withdraw). A search nobody waits for any more ends at its next round, so closing the last connection leaves no
 * search thread behind.
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
  private Search inFlight;
  private HostSpec lastWriter;
  private long lastFoundNanos;

  /** A search in flight: its answer, and how many parties wait for it. */
  private static final class Search {
    final CompletableFuture<HostSpec> result = new CompletableFuture<>();
    final AtomicInteger waiting = new AtomicInteger();
  }

  /** A failure monitor's pending question "is my host still the writer?"; withdraw it when the answer no longer matters. */
  interface Confirmation {
    /** The writer the search found; null when there was no question to ask; exceptional when none was found. */
    CompletableFuture<HostSpec> answer();

    void withdraw();

    static Confirmation answered(HostSpec writer) {
      return new Pending(CompletableFuture.completedFuture(writer), () -> { });
    }
  }

  /** A confirmation: its answer, and what withdrawing it releases. */
  private record Pending(CompletableFuture<HostSpec> answer, Runnable release) implements Confirmation {
    @Override
    public void withdraw() {
      release.run();
    }
  }

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
    while (true) {
      Search s;
      lock.lock();
      try {
        if (reuse && lastWriter != null && !lastWriter.sameAddress(lost)
            && System.nanoTime() - lastFoundNanos < REUSE_NANOS) {
          return lastWriter;
        }
        s = join(context, settings, breakerOpenMs, deadlineNanos);
      } finally {
        lock.unlock();
      }
      try {
        return await(s.result, deadlineNanos);
      } catch (WriterSearch.Ended ended) {
        // The search this connection joined had a shorter life (a monitor's question, an earlier connection's
        // deadline): while this one's own deadline is ahead, the next search is its own.
        if (System.nanoTime() - deadlineNanos >= 0) {
          throw ended;
        }
      } finally {
        s.waiting.decrementAndGet();
      }
    }
  }

  /**
   * A failure monitor's missed probe on {@code host}, the writer as far as this JVM knows: asks which writer the
   * cluster has now, of the search in flight or a new one bounded by the failover timeout, or takes a fresh answer
   * that names another instance. Never blocks.
   */
  Confirmation confirmWriter(PluginContext context, FailoverSettings settings, HostSpec host) {
    Search s;
    lock.lock();
    try {
      if (lastWriter != null && !lastWriter.sameAddress(host) && System.nanoTime() - lastFoundNanos < REUSE_NANOS) {
        return Confirmation.answered(lastWriter);
      }
      s = join(context, settings.search(), settings.breakerOpenMs(),
          System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.timeoutMs()));
    } finally {
      lock.unlock();
    }
    AtomicBoolean pending = new AtomicBoolean(true);
    Runnable release = () -> {
      if (pending.compareAndSet(true, false)) {
        s.waiting.decrementAndGet();
      }
    };
    return new Pending(s.result.whenComplete((w, e) -> release.run()), release);
  }

  /** The search in flight, or a new one; counts the caller as waiting for it. Called with the lock held. */
  private Search join(PluginContext context, WriterSearch.Settings settings, long breakerOpenMs, long deadlineNanos) {
    if (inFlight == null) {
      inFlight = new Search();
      inFlight.waiting.incrementAndGet();
      start(inFlight, context, settings, breakerOpenMs, deadlineNanos);
    } else {
      inFlight.waiting.incrementAndGet();
    }
    return inFlight;
  }

  private void start(Search s, PluginContext context, WriterSearch.Settings settings, long breakerOpenMs,
      long deadlineNanos) {
    if (breakers == null) {
      breakers = new HostBreakers(breakerOpenMs);
    }
    int n = searches.incrementAndGet();
    WriterSearch search = new WriterSearch(context, settings, breakers);
    Thread t = new Thread(() -> {
      try {
        HostSpec w = search.run(deadlineNanos, () -> s.waiting.get() > 0);
        LOG.info(() -> "cluster " + clusterId + ": writer search " + n + " found " + w + " after " + search.rounds()
            + " rounds");
        finish(s, w);
        s.result.complete(w);
      } catch (SQLException | RuntimeException e) {
        finish(s, null);
        s.result.completeExceptionally(e);
      }
    }, "borealis-failover-" + clusterId);
    t.setDaemon(true);
    t.start();
  }

  private void finish(Search s, HostSpec writer) {
    lock.lock();
    try {
      if (inFlight == s) {
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

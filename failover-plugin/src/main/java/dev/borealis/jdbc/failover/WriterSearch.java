package dev.borealis.jdbc.failover;

import dev.borealis.jdbc.spi.Dialect;
import dev.borealis.jdbc.spi.HostRole;
import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.spi.PluginContext;
import dev.borealis.jdbc.spi.Topology;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * One search for a cluster's writer. Each round probes every known instance in parallel with a connection of its
 * own (short timeouts): the probe asks the instance its role and reads the topology through it, so instances the
 * topology newly names are probed in the next round. Only an instance that itself says it accepts writes is the
 * writer, whatever the topology or DNS claims. Rounds repeat with growing pauses (Resilience4j Retry) until the
 * deadline; instances whose circuit breaker is open are skipped.
 *
 * <p>An instance has at most one probe in flight, and a round waits for its probes only {@link #roundWaitMs}: a
 * silent instance (blackholed, no reset) holds its probe for the whole probe timeout, and rounds that waited for it
 * would re-read the answering instances only that often, noticing a promotion up to a probe timeout late. Its probe
 * runs on; whatever it answers is taken up by the round in progress when it does.
 */
final class WriterSearch {

  private static final Logger LOG = Logger.getLogger(WriterSearch.class.getName());
  private static final int MAX_PARALLEL = 8;
  private static final long ROUND_WAIT_MS = 100;
  private static final AtomicInteger POOL_IDS = new AtomicInteger();

  private final PluginContext context;
  private final Settings settings;
  private final HostBreakers breakers;
  private final Set<HostSpec> extra = ConcurrentHashMap.newKeySet();
  /** Instances (host and port) whose probe is still running. */
  private final Set<String> probing = ConcurrentHashMap.newKeySet();
  /** Every probe of this search reports here, across rounds. */
  private ExecutorCompletionService<HostSpec> done;
  private volatile String lastProblem = "no instance probed yet";
  private volatile int rounds;
  private volatile BooleanSupplier wanted = () -> true;
  private volatile boolean abandoned;

  /** What a search needs from the connection's configuration. */
  record Settings(long probeTimeoutMs, long intervalMs, long maxIntervalMs) {
  }

  WriterSearch(PluginContext context, Settings settings, HostBreakers breakers) {
    this.context = context;
    this.settings = settings;
    this.breakers = breakers;
  }

  /**
   * The verified writer, or a {@link Ended} (08001) after {@code deadlineNanos}, or as soon as a round starts with
   * nobody {@code wanted} the answer any more (every party that waited for it gave up or left).
   */
  HostSpec run(long deadlineNanos, BooleanSupplier wanted) throws SQLException {
    this.wanted = wanted;
    String name = "borealis-failover-" + context.clusterId() + "-" + POOL_IDS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(MAX_PARALLEL, r -> {
      Thread t = new Thread(r, name + "-probe-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    done = new ExecutorCompletionService<>(pool);
    try {
      Retry retry = Retry.of(name, RetryConfig.<HostSpec>custom()
          .maxAttempts(Integer.MAX_VALUE)
          .intervalFunction(IntervalFunction.ofExponentialBackoff(settings.intervalMs(), 1.5,
              settings.maxIntervalMs()))
          .retryOnResult(Objects::isNull)
          .retryOnException(e -> false)
          .build());
      HostSpec found;
      try {
        found = Retry.decorateCheckedSupplier(retry, () -> round(deadlineNanos)).get();
      } catch (Deadline d) {
        found = null;
      }
      if (found == null) {
        throw new Ended("cluster " + context.clusterId() + ": no writer found " + (abandoned
            ? "by the time nobody waited for the search any more" : "within the failover timeout") + " after "
            + rounds + " rounds (" + lastProblem + ")");
      }
      return found;
    } catch (SQLException | RuntimeException e) {
      throw e;
    } catch (Throwable t) {
      throw new SQLException("cluster " + context.clusterId() + ": writer search failed: " + t, "08001", t);
    } finally {
      pool.shutdownNow();
    }
  }

  int rounds() {
    return rounds;
  }

  /**
   * How long a round waits for the probes it started: long enough for an answering instance (a connect and two
   * queries), short enough that a silent one does not slow the rounds down; at most the probe timeout.
   */
  long roundWaitMs() {
    return Math.min(settings.probeTimeoutMs(), ROUND_WAIT_MS);
  }

  /** One round; null when no writer answered (retried) or a {@link Deadline} past the deadline. */
  private HostSpec round(long deadlineNanos) throws Deadline {
    if (System.nanoTime() - deadlineNanos >= 0) {
      throw new Deadline();
    }
    if (!wanted.getAsBoolean()) {
      abandoned = true;
      throw new Deadline();
    }
    rounds++;
    int started = 0;
    for (HostSpec h : candidates()) {
      String key = h.hostAndPort();
      if (!probing.add(key)) {
        continue; // its probe from an earlier round is still running
      }
      CircuitBreaker breaker = breakers.of(h);
      // The permission is taken when the probe starts: a probe still queued when the search ends is cancelled and
      // would never report back, leaving a half-open breaker without permits and its host unprobed for good.
      done.submit(() -> {
        try {
          return breaker.tryAcquirePermission() ? probe(h, breaker) : null;
        } finally {
          probing.remove(key);
        }
      });
      started++;
    }
    long roundEnd = Math.min(deadlineNanos, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(roundWaitMs()));
    try {
      // Answers of this round's probes and of stragglers from earlier rounds alike; the round ends early once as
      // many answers came as it started probes, which is every probe of the round when nothing straggles.
      for (int answers = 0; answers < Math.max(1, started); answers++) {
        Future<HostSpec> f = done.poll(Math.max(0, roundEnd - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (f == null) {
          break;
        }
        try {
          HostSpec writer = f.get();
          if (writer != null) {
            return writer;
          }
        } catch (java.util.concurrent.ExecutionException e) {
          lastProblem = String.valueOf(e.getCause());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Deadline();
    }
    return null;
  }

  /** Known writer first (it may have come back), then readers, then instances earlier probes discovered. */
  private List<HostSpec> candidates() {
    Topology t = context.topology();
    Set<HostSpec> all = new LinkedHashSet<>();
    t.writer().ifPresent(all::add);
    all.addAll(t.hosts());
    for (HostSpec h : extra) {
      if (all.stream().noneMatch(h::sameAddress)) {
        all.add(h);
      }
    }
    return new ArrayList<>(all);
  }

  /** Whether {@code h} is the writer, asked of {@code h} itself; the topology read through it is published. */
  private HostSpec probe(HostSpec h, CircuitBreaker breaker) {
    long start = System.nanoTime();
    try (Connection c = context.connectDirect(h, settings.probeTimeoutMs())) {
      // First: a JVM that never reached the cluster (connect-time failover) detects the dialect here.
      Topology seen = readTopology(c);
      Dialect dialect = context.dialect();
      if (dialect == null) {
        throw new SQLException(h.hostAndPort() + " answered but the cluster's dialect could not be detected", "08001");
      }
      boolean reader = dialect.isReader(c);
      breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      if (reader) {
        seen.writer().filter(w -> !w.sameAddress(h)).ifPresent(extra::add);
        lastProblem = h.hostAndPort() + " is a reader";
        return null;
      }
      return seen.find(h).orElse(h).withRole(HostRole.WRITER);
    } catch (SQLException | RuntimeException e) {
      breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
      lastProblem = h.hostAndPort() + ": " + e.getMessage();
      LOG.finer(() -> "cluster " + context.clusterId() + ": probe of " + h + " failed: " + e.getMessage());
      return null;
    }
  }

  private Topology readTopology(Connection c) {
    try {
      return context.refreshTopologyWith(c);
    } catch (SQLException e) {
      LOG.finer(() -> "cluster " + context.clusterId() + ": topology read through a probe failed: " + e.getMessage());
      return context.topology();
    }
  }

  /** A search that ended without a writer: its deadline passed, or nobody waited for it any more. */
  static final class Ended extends SQLException {
    Ended(String message) {
      super(message, "08001");
    }
  }

  /** Ends the retried rounds: the search ran out of time. */
  private static final class Deadline extends Exception {
    Deadline() {
      super(null, null, false, false);
    }
  }
}

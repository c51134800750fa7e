package dev.borealis.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.ClusterListener;
import dev.borealis.cluster.Engine;
import dev.borealis.cluster.InstanceState;
import dev.borealis.cluster.Role;
import dev.borealis.cluster.Topology;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * One failover measurement: a fresh served cluster (writer + 2 readers, the cluster's default failover delay or the
 * one the settings give, the server's default DNS delay), a HikariCP pool of one contender, {@code threads}
 * writers; after a warm-up, one fault on the writer, then the clock runs until every writer has written again and
 * a quiet period has passed, or until the deadline.
 */
final class FailoverScenario {

  /** How often the coordinator looks at the writers and the cluster. */
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  private static final int WARM_UP_WRITES = 20;
  /** How long past the warm-up the slowest thread may take to reach its writes before the scenario gives up. */
  private static final Duration WARM_UP_GRACE = Duration.ofSeconds(30);

  /** The fault injected on the writer at time zero. */
  enum Fault {
    /**
     * The writer process dies: its sockets close (FIN) and the cluster promotes a reader after its failover delay.
     */
    CRASH,
    /**
     * The writer's network goes silent (no RST, no FIN: open sessions stall, new connections are accepted and then
     * get no bytes), cut in the {@link RelayedNetwork} between the clients and the cluster. Aurora detects a silent
     * writer itself and fails over; the benchmark emulates that detection with the same delay the cluster uses after
     * a crash, then calls {@code failover()}. The old writer's address stays silent for the clients until the
     * scenario ends, also after its demotion closes its sockets on the server side (the relay passes no close on).
     */
    BLACKHOLE;

    String label() {
      return name().toLowerCase();
    }
  }

  /**
   * The shape of a run.
   *
   * @param failoverDelay the cluster's time from a writer crash to the promotion, and the benchmark's from a
   *     blackhole to its {@code failover()} call; empty for the cluster's default
   */
  record Settings(int threads, Duration warmUp, Duration deadline, Duration settle,
                  Optional<Duration> failoverDelay) {
  }

  /**
   * Times in milliseconds from the fault; -1 when it did not happen before the deadline.
   *
   * @param promotionMs until the cluster's new writer was AVAILABLE
   * @param abandonedMs blackhole only: until the client had closed, itself, as many connections to the silent
   *     writer as there are writer threads, seen on the wire (the relay): when the driver's failure detection gave
   *     up on the host (see {@link #abandonedMs(List, int, long)}); -1 for a crash, or if fewer were closed while
   *     the silence lasted
   * @param firstErrorMs until the first write failed (any thread): when the application first learned of the fault.
   *     A driver that holds a failed statement until it has found a new writer reports it only then
   * @param firstWriteMs until the first write that started after the fault succeeded (any thread)
   * @param allBackMs until every thread had succeeded after its last failure
   * @param failedWrites failed attempts from the fault to the end of the scenario
   * @param failoverDelayMs the cluster's failover delay (detection and promotion after a crash)
   * @param note what went wrong, if anything (errors, stuck threads); empty if nothing
   */
  record Result(Engine engine, Fault fault, FailoverContender contender, long promotionMs, long abandonedMs,
                long firstErrorMs, long firstWriteMs, long allBackMs, long failedWrites, long failoverDelayMs,
                String note) {
  }

  private FailoverScenario() {
  }

  static Result run(Engine engine, Fault fault, FailoverContender contender, Settings settings, String clusterName)
      throws Exception {
    try (ServedCluster served = ServedCluster.startRelayed(engine, clusterName, 2, settings.failoverDelay())) {
      createTable(served);
      PromotionClock promotion = new PromotionClock();
      served.cluster().addListener(promotion);
      try (HikariDataSource pool = new HikariDataSource(contender.poolConfig(served, clusterName + "-pool",
          settings.threads() + 2))) {
        return measure(served, pool, fault, contender, settings, promotion);
      } finally {
        served.cluster().removeListener(promotion);
        contender.releaseResources();
      }
    }
  }

  private static void createTable(ServedCluster served) throws SQLException {
    Engine engine = served.engine();
    String raw = "jdbc:" + Engines.scheme(engine);
    Engines.createDatabase(served.url(raw, ""), EndToEndBenchmark.credentials(), engine);
    try (Connection c = DriverManager.getConnection(served.url(raw, Engines.database(engine)),
        EndToEndBenchmark.credentials()); Statement s = c.createStatement()) {
      s.execute(WriteLoad.createTable());
    }
  }

  private static Result measure(ServedCluster served, HikariDataSource pool, Fault fault,
                                FailoverContender contender, Settings settings, PromotionClock promotion) {
    Engine engine = served.engine();
    WriteLoad load = new WriteLoad(pool, settings.threads(), served.name());
    try {
      load.start();
      if (!warmedUp(load, settings.warmUp())) {
        String why = load.lastError() == null ? "no error, too slow" : load.lastError();
        return new Result(engine, fault, contender, -1, -1, -1, -1, -1, 0, failoverDelayMs(served),
            "fewer than " + WARM_UP_WRITES + " writes by the slowest thread (" + load.minSuccesses()
                + ") during the warm-up: " + why);
      }
      String oldWriter = served.cluster().writer().id();
      promotion.arm(oldWriter);
      long t0 = System.nanoTime();
      load.faultInjected(t0);
      inject(served, fault, oldWriter);
      load.faultEffective(System.nanoTime());
      awaitRecovery(served, fault, load, promotion, t0, settings);
      List<Long> abandoned = fault == Fault.BLACKHOLE ? served.relays().abandoned(oldWriter) : List.of();
      return result(engine, fault, contender, load, promotion, t0, settings, failoverDelayMs(served), abandoned);
    } finally {
      heal(served);
      load.close();
      if (!load.stuck().isEmpty()) {
        System.out.println("  warning: writer threads still running 10 s after stop: " + load.stuck());
      }
    }
  }

  private static boolean warmedUp(WriteLoad load, Duration warmUp) {
    long start = System.nanoTime();
    long limit = start + warmUp.plus(WARM_UP_GRACE).toNanos();
    while (System.nanoTime() < limit) {
      if (System.nanoTime() - start >= warmUp.toNanos() && load.minSuccesses() >= WARM_UP_WRITES) {
        return true;
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
    return false;
  }

  private static void inject(ServedCluster served, Fault fault, String writer) {
    if (fault == Fault.CRASH) {
      served.cluster().crash(writer);
    } else {
      served.relays().silence(writer);
    }
  }

  /**
   * Polls until every writer is back and nothing failed for {@code settle}, or the deadline. For a blackhole it also
   * plays Aurora's part: it fails the cluster over once the cluster's failover delay has passed.
   */
  private static void awaitRecovery(ServedCluster served, Fault fault, WriteLoad load, PromotionClock promotion,
                                    long t0, Settings settings) {
    Cluster cluster = served.cluster();
    long failoverAt = t0 + cluster.settings().failoverDelay().toNanos();
    boolean failedOver = fault == Fault.CRASH;
    long deadline = t0 + settings.deadline().toNanos();
    long now;
    while ((now = System.nanoTime()) < deadline) {
      if (!failedOver && now >= failoverAt) {
        cluster.failover();
        failedOver = true;
      }
      promotion.check(cluster.topology());
      long back = load.allRecoveredAt();
      if (back != 0 && now - Math.max(back, load.lastFailure()) >= settings.settle().toNanos()) {
        return;
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  private static Result result(Engine engine, Fault fault, FailoverContender contender, WriteLoad load,
                               PromotionClock promotion, long t0, Settings settings, long failoverDelayMs,
                               List<Long> abandoned) {
    List<String> notes = new ArrayList<>();
    long first = sinceFault(load.firstSuccessAfterFault(), t0);
    long all = sinceFault(load.allRecoveredAt(), t0);
    if (load.failuresBeforeFault() > 0) {
      notes.add(load.failuresBeforeFault() + " writes failed before the fault (" + load.errorBeforeFault() + ")");
    }
    if (!abandoned.isEmpty()) {
      notes.add("links to the silent writer closed by the client at " + abandoned.stream()
          .map(t -> Long.toString(sinceFault(t, t0))).collect(Collectors.joining(", ")) + " ms");
    }
    if (all < 0) {
      notes.add("not every thread wrote again within " + settings.deadline().toSeconds() + " s; " + (load.lastError()
          == null ? "no write failed either: the threads were still blocked in their calls"
          : "last error: " + load.lastError()));
    } else if (load.firstError() != null) {
      notes.add("first error: " + load.firstError());
    }
    return new Result(engine, fault, contender, sinceFault(promotion.promotedAt(), t0),
        abandonedMs(abandoned, settings.threads(), t0), sinceFault(load.firstFailureAfterFault(), t0), first, all,
        load.failuresAfterFault(), failoverDelayMs, String.join("; ", notes));
  }

  /**
   * When the client had closed as many links to the silent writer as there are writer threads (each was stuck in a
   * statement on one): the driver's detection of the silent host, as the wire saw it. Not the first close: a
   * monitoring connection that times out a single probe and reconnects closes a link well before anything is
   * detected. -1 if fewer links were closed while the silence lasted.
   */
  static long abandonedMs(List<Long> abandoned, int threads, long t0) {
    if (abandoned.size() < threads) {
      return -1;
    }
    return sinceFault(abandoned.stream().sorted().toList().get(threads - 1), t0);
  }

  private static long failoverDelayMs(ServedCluster served) {
    return served.cluster().settings().failoverDelay().toMillis();
  }

  private static long sinceFault(long at, long t0) {
    return at == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(at - t0);
  }

  /** Ends every silence, so that nothing stays blocked on a mute socket while the scenario closes. */
  private static void heal(ServedCluster served) {
    served.relays().healAll();
  }

  /** Notes when a writer other than the one at fault time is AVAILABLE, from the cluster's own events. */
  private static final class PromotionClock implements ClusterListener {
    private volatile String oldWriter;
    private volatile long promotedAt;

    void arm(String writer) {
      oldWriter = writer;
    }

    long promotedAt() {
      return promotedAt;
    }

    @Override
    public void topologyChanged(Topology topology) {
      check(topology);
    }

    void check(Topology topology) {
      String old = oldWriter;
      if (old == null || promotedAt != 0 || old.equals(topology.writerId())) {
        return;
      }
      topology.instance(topology.writerId())
          .filter(w -> w.role() == Role.WRITER && w.state() == InstanceState.AVAILABLE)
          .ifPresent(w -> promotedAt = System.nanoTime());
    }
  }
}

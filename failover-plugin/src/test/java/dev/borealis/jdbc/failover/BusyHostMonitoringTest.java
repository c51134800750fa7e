package dev.borealis.jdbc.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.borealis.cluster.Engine;
import dev.borealis.cluster.server.NetworkFault;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Failure monitoring must not abort healthy connections: a host that is slow but answers within the probe timeout,
 * on a machine whose CPUs are busy, is alive. A false abort would surface as an 08S02 on a statement that had
 * nothing wrong with it, and as an abort in the monitors' count.
 */
class BusyHostMonitoringTest {

  /** Well below the fixture's probe timeout (400 ms), on every response, the probe connection's handshake too. */
  private static final Duration LATENCY = Duration.ofMillis(100);
  private static final int PROBES = 15;

  private ServedCluster served;

  @AfterEach
  void stop() {
    if (served != null) {
      served.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aSlowButAnsweringWriterUnderCpuLoadKeepsItsConnectionsAndIsNotAborted(Engine engine) throws Exception {
    served = ServedCluster.start(engine, 1);
    try (Connection setup = served.connect(""); Statement s = setup.createStatement()) {
      s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
    }
    long aborts = HostMonitors.aborts(served.clusterId);
    // Latency first, so the monitor opens its own connection through it too (the handshake is several round trips).
    served.server.inject(served.writerId(), new NetworkFault.Latency(LATENCY));
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> burners = burnCpus(stop);
    try (Connection c = served.connect("")) {
      long probes = HostMonitors.probes(served.clusterId);
      int id = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (HostMonitors.probes(served.clusterId) < probes + PROBES) {
        assertThat(System.nanoTime() - deadline).as("the monitor probes " + PROBES + " times").isNegative();
        try (Statement s = c.createStatement()) {
          s.executeUpdate("INSERT INTO t VALUES (" + id++ + ")");
        }
      }
    } finally {
      stop.set(true);
      for (Thread t : burners) {
        t.join();
      }
      served.healAll();
    }

    // A missed probe may ask a writer search whether the cluster promoted another instance; the answer (this very
    // writer) must not abort anything. Every insert above succeeded: no statement failed over.
    assertThat(HostMonitors.aborts(served.clusterId)).as("connections aborted by the monitor").isEqualTo(aborts);
  }

  @Test
  void aProbeThatFailedWhileTheMonitorStalledIsNotCountedButOneThatTimedOutOnTimeIs() {
    long ms = 1_000_000L;
    // Waited its 400 ms timeout: the host did not answer.
    assertThat(HostMonitor.stalled(410 * ms, 400)).isFalse();
    // A 400 ms timeout that took 3 s (a GC pause, a starved CPU): the clock the timeout runs on was frozen.
    assertThat(HostMonitor.stalled(3_000 * ms, 400)).isTrue();
  }

  /**
   * Spinning threads on half the CPUs until {@code stop}: load, not starvation, since the embedded server runs in
   * this JVM and a starved server really does answer later than the probe timeout.
   */
  private static List<Thread> burnCpus(AtomicBoolean stop) {
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < Math.max(1, Runtime.getRuntime().availableProcessors() / 2); i++) {
      Thread t = new Thread(() -> {
        long x = 0;
        while (!stop.get()) {
          x += System.nanoTime() % 7;
        }
        if (x == 42) {
          System.out.print("");
        }
      }, "cpu-burner-" + i);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    return threads;
  }
}

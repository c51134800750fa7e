package dev.borealis.jdbc.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.spi.PluginContext;
import dev.borealis.jdbc.spi.Topology;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A writer search that ends while some of its probes still wait for a thread must leave those instances' circuit
 * breakers as it found them. Regression: the permission used to be taken when a probe was queued, so a half-open
 * breaker (one trial probe allowed) lost its only permit to a probe that was then cancelled, and every later search
 * skipped that instance for good.
 */
class WriterSearchBreakerTest {

  /** More silent instances than a search has probe threads (8), so the last instance's probe stays queued. */
  private static final int SILENT = 8;

  @Test
  void aProbeStillQueuedWhenTheSearchEndsDoesNotTakeTheHalfOpenBreakersPermit() throws Exception {
    List<HostSpec> hosts = new ArrayList<>();
    for (int i = 0; i < SILENT; i++) {
      hosts.add(HostSpec.of("silent-" + i + ".example", 5432));
    }
    HostSpec queued = HostSpec.of("queued.example", 5432);
    hosts.add(queued);
    CountDownLatch never = new CountDownLatch(1);
    List<String> connected = new java.util.concurrent.CopyOnWriteArrayList<>();
    PluginContext context = context(Topology.fromUrl(hosts, System.nanoTime()), (host, timeoutMs) -> {
      connected.add(host.host());
      never.await(); // silent: until the search's end interrupts the probe
      throw new SQLException("unreachable", "08001");
    });
    HostBreakers breakers = new HostBreakers(60_000);
    CircuitBreaker breaker = breakers.of(queued);
    breaker.transitionToOpenState();
    breaker.transitionToHalfOpenState();
    WriterSearch search = new WriterSearch(context, new WriterSearch.Settings(1_000, 10, 20), breakers);

    assertThatThrownBy(() -> search.run(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300), () -> true))
        .isInstanceOf(WriterSearch.Ended.class).hasMessageContaining("no writer found");

    assertThat(connected).as("the silent instances held every probe thread").hasSize(SILENT)
        .doesNotContain("queued.example");
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    assertThat(breaker.tryAcquirePermission()).as("the half-open breaker still allows its trial probe").isTrue();
  }

  @FunctionalInterface
  private interface Connector {
    java.sql.Connection connect(HostSpec host, long timeoutMs) throws Exception;
  }

  /** Only what a search asks of its context; anything else fails the test by name. */
  private static PluginContext context(Topology topology, Connector connector) {
    return (PluginContext) Proxy.newProxyInstance(WriterSearchBreakerTest.class.getClassLoader(),
        new Class<?>[] {PluginContext.class}, (proxy, method, args) -> switch (method.getName()) {
          case "clusterId" -> "breaker-test";
          case "topology" -> topology;
          case "connectDirect" -> {
            try {
              yield connector.connect((HostSpec) args[0], (Long) args[1]);
            } catch (InterruptedException e) {
              throw new SQLException("probe interrupted: the search ended", "08001", e);
            }
          }
          case "toString" -> "test context";
          default -> throw new UnsupportedOperationException("the search asked its context for " + method.getName());
        });
  }
}

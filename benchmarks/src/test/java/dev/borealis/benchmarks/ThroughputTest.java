package dev.borealis.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThroughputTest {

  @Test
  void everyContenderRunsInEveryRoundAndGetsARate() throws SQLException {
    AtomicLong a = new AtomicLong();
    AtomicLong b = new AtomicLong();
    Map<String, Throughput.Op> contenders = new LinkedHashMap<>();
    contenders.put("a", a::incrementAndGet);
    contenders.put("b", b::incrementAndGet);
    List<String> failures = new ArrayList<>();
    Map<String, Throughput.Rate> result = Throughput.measure(contenders,
        new Throughput.Plan(Duration.ofMillis(5), Duration.ofMillis(5), 3), failures);
    assertThat(failures).isEmpty();
    assertThat(result).containsOnlyKeys("a", "b");
    assertThat(result.values()).allSatisfy(r -> {
      assertThat(r.median()).isPositive().isFinite();
      assertThat(r.min()).isLessThanOrEqualTo(r.median());
      assertThat(r.max()).isGreaterThanOrEqualTo(r.median());
    });
    // warm-up plus three rounds, each at least one batch of 16 operations
    assertThat(a.get()).isGreaterThanOrEqualTo(64);
    assertThat(b.get()).isGreaterThanOrEqualTo(64);
  }

  @Test
  void aFailingContenderIsDroppedAndNamedWhileTheOthersAreMeasured() {
    AtomicLong calls = new AtomicLong();
    Map<String, Throughput.Op> contenders = new LinkedHashMap<>();
    contenders.put("healthy", calls::incrementAndGet);
    contenders.put("broken", () -> {
      if (calls.get() > 100) {
        throw new SQLException("server gone\nsecond line", "08006");
      }
    });
    List<String> failures = new ArrayList<>();
    Map<String, Throughput.Rate> result = Throughput.measure(contenders,
        new Throughput.Plan(Duration.ofMillis(5), Duration.ofMillis(5), 3), failures);
    assertThat(result).containsOnlyKeys("healthy");
    assertThat(failures).containsExactly("failed broken mid-run, dropped: SQLException: server gone (SQLSTATE 08006)");
  }

  @Test
  void argumentsGiveThePlanAndBadOnesAreNamed() {
    Throughput.Plan plan = Throughput.Plan.fromArgs(new String[] {"all", "0.5", "4"});
    assertThat(plan.round()).isEqualTo(Duration.ofMillis(500));
    assertThat(plan.rounds()).isEqualTo(4);
    assertThat(plan.warmup()).isEqualTo(Duration.ofSeconds(2));
    assertThat(Throughput.Plan.fromArgs(new String[] {"all"}).rounds()).isEqualTo(9);
    assertThatThrownBy(() -> Throughput.Plan.ofSeconds(0, 3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("round length 0.0 s");
  }

  @Test
  void ratiosNameBothSidesAndSkipMissingOnes() {
    Map<String, Throughput.Rate> r = Map.of("x", new Throughput.Rate(900, 800, 950),
        "y", new Throughput.Rate(1000, 990, 1010));
    assertThat(Throughput.ratios(r, "x", "y", "x", "absent")).containsExactly(
        "x / y = 0.900 (+11.1 % time per op)");
  }
}

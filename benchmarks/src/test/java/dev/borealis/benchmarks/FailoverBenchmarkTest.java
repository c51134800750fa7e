package dev.borealis.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.borealis.benchmarks.FailoverScenario.Fault;
import dev.borealis.benchmarks.FailoverScenario.Result;
import dev.borealis.cluster.Engine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The failover harness in a tiny configuration: it runs end to end and reports a recovery. Speed is not checked. */
class FailoverBenchmarkTest {

  @Test
  void aTinyRunOfBorealisThroughAWriterCrashProducesARowWithARecovery() throws Exception {
    FailoverBenchmark.Plan plan = FailoverBenchmark.Plan.parse(new String[] {"--engine", "postgresql", "--faults",
        "crash", "--contenders", "borealis", "--threads", "2", "--warmup-s", "0", "--deadline-s", "20",
        "--failover-delay-ms", "1500"});

    List<Result> results = FailoverBenchmark.run(plan);

    assertThat(results).singleElement().satisfies(r -> {
      assertThat(r.engine()).isEqualTo(Engine.POSTGRESQL);
      assertThat(r.fault()).isEqualTo(Fault.CRASH);
      assertThat(r.contender()).isEqualTo(FailoverContender.BOREALIS);
      assertThat(r.failoverDelayMs()).as("the cluster was built with the flag's failover delay").isEqualTo(1500);
      assertThat(r.promotionMs()).as("the cluster promoted a reader").isPositive();
      assertThat(r.firstErrorMs()).as("a write in flight at the crash failed").isNotNegative();
      assertThat(r.abandonedMs()).as("only a blackhole has a silent writer to abandon").isEqualTo(-1);
      assertThat(r.firstWriteMs()).as("a write succeeded after the crash").isNotNegative();
      assertThat(r.allBackMs()).as("both threads wrote again").isGreaterThanOrEqualTo(r.firstWriteMs());
    });
    List<FailoverTable.Row> rows = FailoverTable.rows(results);
    assertThat(rows).singleElement().extracting(FailoverTable.Row::recovered).isEqualTo(1);
    assertThat(FailoverTable.verdicts(rows)).singleElement().asString().startsWith("PostgreSQL crash: first write");
  }

  @Test
  void aRoundThatDidNotRecoverCountsAsSlowerThanAnyThatDid() {
    List<Result> rounds = List.of(result(900), result(-1), result(700));

    assertThat(FailoverTable.median(rounds, Result::firstWriteMs)).isEqualTo(900);
    assertThat(FailoverTable.median(List.of(result(-1), result(-1), result(700)), Result::firstWriteMs))
        .isEqualTo(-1);
  }

  @Test
  void badOptionsAreRejectedWithTheOptionAndTheRule() {
    assertThatThrownBy(() -> FailoverBenchmark.Plan.parse(new String[] {"--threads", "0"}))
        .hasMessage("--threads: 0 is out of range 1..64");
    assertThatThrownBy(() -> FailoverBenchmark.Plan.parse(new String[] {"--contenders", "borealis,hibernate"}))
        .hasMessageContaining("--contenders: unknown contender 'hibernate'");
    assertThatThrownBy(() -> FailoverBenchmark.Plan.parse(new String[] {"--faults", "flood"}))
        .hasMessageContaining("--faults: unknown fault 'flood'");
    assertThatThrownBy(() -> FailoverBenchmark.Plan.parse(new String[] {"--rounds"}))
        .hasMessage("--rounds: a value is required");
  }

  @Test
  void theFailoverDelayFlagIsCheckedAndReachesTheSettings() {
    assertThatThrownBy(() -> FailoverBenchmark.Plan.parse(new String[] {"--failover-delay-ms", "50"}))
        .hasMessage("--failover-delay-ms: 50 is out of range 100..120000");
    assertThatThrownBy(() -> FailoverBenchmark.Plan.parse(new String[] {"--failover-delay-ms", "8s"}))
        .hasMessage("--failover-delay-ms: '8s' is not a whole number");
    assertThatThrownBy(() -> FailoverBenchmark.Plan.parse(new String[] {"--failover-delay", "8000"}))
        .as("an unknown option lists the new one").hasMessageContaining("or --failover-delay-ms");

    FailoverBenchmark.Plan plan = FailoverBenchmark.Plan.parse(new String[] {"--failover-delay-ms", "8000"});
    assertThat(plan.settings().failoverDelay()).contains(Duration.ofSeconds(8));
    assertThat(FailoverBenchmark.failoverDelay(plan.settings())).startsWith("8000 ms");
    assertThat(FailoverBenchmark.Plan.parse(new String[0]).settings().failoverDelay()).isEmpty();
  }

  @Test
  void theTableHasAbandonedAndFirstErrorColumnsWithTheMediansOverRounds() {
    List<Result> rounds = List.of(result(2100, 9000), result(1700, 8900), result(2500, 9100),
        result(Engine.POSTGRESQL, -1, 900));

    List<FailoverTable.Row> rows = FailoverTable.rows(rounds);
    List<String> lines = FailoverTable.lines(rows, 60);

    assertThat(rows).extracting(FailoverTable.Row::abandonedMs).containsExactly(2100L, -1L);
    assertThat(rows).extracting(FailoverTable.Row::firstErrorMs).containsExactly(9000L, 900L);
    assertThat(lines.get(0)).contains("abandoned", "first error", "promotion", "first write", "all back",
        "vs AWS def");
    assertThat(cell(lines, 1, "abandoned")).isEqualTo("2100 ms");
    assertThat(cell(lines, 1, "first error")).isEqualTo("9000 ms");
    assertThat(cell(lines, 2, "abandoned")).as("no connection abandoned: no time").isEqualTo("-");
  }

  @Test
  void aSilentWriterCountsAsAbandonedOnceAsManyLinksAsThreadsWereClosed() {
    long t0 = 1_000_000_000L;
    List<Long> closes = List.of(t0 + ms(2_020), t0 + ms(690), t0 + ms(2_010), t0 + ms(2_015));

    assertThat(FailoverScenario.abandonedMs(closes, 3, t0)).as("the monitor's early close alone is no detection")
        .isEqualTo(2_015);
    assertThat(FailoverScenario.abandonedMs(closes, 5, t0)).isEqualTo(-1);
    assertThat(FailoverScenario.abandonedMs(List.of(), 1, t0)).isEqualTo(-1);
  }

  private static long ms(long millis) {
    return TimeUnit.MILLISECONDS.toNanos(millis);
  }

  /** The text under a right-aligned column's header. */
  private static String cell(List<String> lines, int line, String header) {
    int start = lines.get(0).indexOf(header);
    return lines.get(line).substring(start, start + header.length()).trim();
  }

  private static Result result(long firstWriteMs) {
    return new Result(Engine.MYSQL, Fault.CRASH, FailoverContender.BOREALIS, 1000, -1, 5, firstWriteMs, firstWriteMs,
        3, 1000, "");
  }

  private static Result result(long abandonedMs, long firstErrorMs) {
    return result(Engine.MYSQL, abandonedMs, firstErrorMs);
  }

  private static Result result(Engine engine, long abandonedMs, long firstErrorMs) {
    return new Result(engine, Fault.BLACKHOLE, FailoverContender.BOREALIS, 8000, abandonedMs, firstErrorMs,
        firstErrorMs + 100, firstErrorMs + 200, 3, 8000, "");
  }
}

package dev.borealis.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.borealis.benchmarks.FailoverScenario.Fault;
import dev.borealis.benchmarks.FailoverScenario.Result;
import dev.borealis.cluster.Engine;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The failover harness in a tiny configuration: it runs end to end and reports a recovery. Speed is not checked. */
class FailoverBenchmarkTest {

  @Test
  void aTinyRunOfBorealisThroughAWriterCrashProducesARowWithARecovery() throws Exception {
    FailoverBenchmark.Plan plan = FailoverBenchmark.Plan.parse(new String[] {"--engine", "postgresql", "--faults",
        "crash", "--contenders", "borealis", "--threads", "2", "--warmup-s", "0", "--deadline-s", "20"});

    List<Result> results = FailoverBenchmark.run(plan);

    assertThat(results).singleElement().satisfies(r -> {
      assertThat(r.engine()).isEqualTo(Engine.POSTGRESQL);
      assertThat(r.fault()).isEqualTo(Fault.CRASH);
      assertThat(r.contender()).isEqualTo(FailoverContender.BOREALIS);
      assertThat(r.promotionMs()).as("the cluster promoted a reader").isPositive();
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

  private static Result result(long firstWriteMs) {
    return new Result(Engine.MYSQL, Fault.CRASH, FailoverContender.BOREALIS, 1000, firstWriteMs, firstWriteMs, 3,
        1000, "");
  }
}

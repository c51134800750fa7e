package dev.borealis.compat;

import dev.borealis.cluster.Engine;
import org.junit.jupiter.api.Test;

/** The MySQL corpus and stacks against MariaDB 10.11 and the embedded cluster: no difference beyond the baseline. */
class MysqlCompatTest {

  @Test
  void theCorpusAndStacksDifferFromMariaDbOnlyWhereTheBaselineSays() throws Exception {
    BaselineCheck.assertMatches(CompatRuns.result(Engine.MYSQL), StackRuns.results(Engine.MYSQL));
  }

  @Test
  void flywayPassesEveryOperationOnMariaDb() throws Exception {
    BaselineCheck.assertRealPasses(StackRuns.results(Engine.MYSQL));
  }
}

package dev.borealis.compat;

import dev.borealis.cluster.Engine;
import org.junit.jupiter.api.Test;

/** The MySQL corpus against MariaDB 10.11 and the embedded cluster: no difference beyond the baseline. */
class MysqlCompatTest {

  @Test
  void theCorpusDiffersFromMariaDbOnlyWhereTheBaselineSays() throws Exception {
    BaselineCheck.assertMatches(CompatRuns.result(Engine.MYSQL));
  }
}

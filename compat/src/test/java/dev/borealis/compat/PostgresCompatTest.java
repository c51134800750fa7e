package dev.borealis.compat;

import dev.borealis.cluster.Engine;
import org.junit.jupiter.api.Test;

/** The PostgreSQL corpus against PostgreSQL 15 and the embedded cluster: no difference beyond the baseline. */
class PostgresCompatTest {

  @Test
  void theCorpusDiffersFromPostgresOnlyWhereTheBaselineSays() throws Exception {
    BaselineCheck.assertMatches(CompatRuns.result(Engine.POSTGRESQL));
  }
}

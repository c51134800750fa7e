package dev.borealis.compat;

import dev.borealis.cluster.Engine;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL corpus and stacks against PostgreSQL 15 and the embedded cluster: no difference beyond the
 * baseline.
 */
class PostgresCompatTest {

  @Test
  void theCorpusAndStacksDifferFromPostgresOnlyWhereTheBaselineSays() throws Exception {
    BaselineCheck.assertMatches(CompatRuns.result(Engine.POSTGRESQL), StackRuns.results(Engine.POSTGRESQL));
  }

  @Test
  void flywayPassesEveryOperationOnPostgres() throws Exception {
    BaselineCheck.assertRealPasses(StackRuns.results(Engine.POSTGRESQL));
  }
}

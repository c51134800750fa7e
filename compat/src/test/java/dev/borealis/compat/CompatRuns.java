package dev.borealis.compat;

import dev.borealis.cluster.Engine;
import dev.borealis.compat.corpus.Category;
import dev.borealis.compat.corpus.MysqlCorpus;
import dev.borealis.compat.corpus.PostgresCorpus;
import dev.borealis.compat.diff.Differ;
import dev.borealis.compat.run.EngineResult;
import dev.borealis.compat.run.Harness;
import dev.borealis.compat.run.Target;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The corpus run of each engine, done once per test JVM and shared by the baseline and documentation tests. */
final class CompatRuns {

  private static final Map<Engine, EngineResult> RESULTS = new EnumMap<>(Engine.class);

  private CompatRuns() {
  }

  static List<Category> corpus(Engine engine) {
    return engine == Engine.MYSQL ? MysqlCorpus.build() : PostgresCorpus.build();
  }

  static synchronized EngineResult result(Engine engine) throws Exception {
    EngineResult result = RESULTS.get(engine);
    if (result == null) {
      Target real = SharedServers.real(engine);
      Target embedded = SharedServers.embedded(engine);
      long start = System.nanoTime();
      result = new Harness(real, embedded, new Differ(engine == Engine.MYSQL)).run(corpus(engine));
      System.out.printf(Locale.ROOT, "%s corpus: %d cases against %s in %.1f s%n%s", engine.displayName(),
          result.cases().size(), real.name(), (System.nanoTime() - start) / 1e9, result.summary());
      result.setupFailures().forEach((category, failures) -> failures.forEach(f -> System.out.println(
          "embedded set-up failure in " + category + ": " + f)));
      RESULTS.put(engine, result);
    }
    return result;
  }
}

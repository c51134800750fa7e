package dev.borealis.compat;

import dev.borealis.cluster.Engine;
import dev.borealis.compat.report.StackResult;
import dev.borealis.compat.stacks.FlywayStack;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The application stacks' results per engine, run once per test JVM on the shared servers. */
final class StackRuns {

  private static final Map<Engine, List<StackResult>> RESULTS = new EnumMap<>(Engine.class);

  private StackRuns() {
  }

  static synchronized List<StackResult> results(Engine engine) throws Exception {
    List<StackResult> results = RESULTS.get(engine);
    if (results == null) {
      results = FlywayStack.compare(engine.name().toLowerCase(Locale.ROOT), SharedServers.real(engine),
          SharedServers.embedded(engine));
      RESULTS.put(engine, results);
    }
    return results;
  }

  /** Both engines' results, MySQL first. */
  static List<StackResult> results() throws Exception {
    List<StackResult> all = new ArrayList<>(results(Engine.MYSQL));
    all.addAll(results(Engine.POSTGRESQL));
    return all;
  }
}

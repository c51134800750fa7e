package dev.borealis.compat.run;

import dev.borealis.cluster.Engine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A whole corpus run on one engine: every case's verdict, in corpus order, and the servers compared.
 *
 * @param real          the real server's name, e.g. {@code MariaDB 10.11.14}
 * @param setupFailures set-up statements the embedded cluster refused, per category (their cases still ran)
 */
public record EngineResult(Engine engine, String real, List<CaseResult> cases,
                           Map<String, List<String>> setupFailures) {

  public EngineResult {
    cases = List.copyOf(cases);
    setupFailures = Map.copyOf(setupFailures);
  }

  /** {@code mysql} or {@code postgresql}: the engine's name in file names and reports. */
  public String engineName() {
    return engine.name().toLowerCase(Locale.ROOT);
  }

  /** Cases per category, in corpus order. */
  public Map<String, List<CaseResult>> byCategory() {
    Map<String, List<CaseResult>> out = new LinkedHashMap<>();
    for (CaseResult c : cases) {
      out.computeIfAbsent(c.category(), k -> new java.util.ArrayList<>()).add(c);
    }
    return out;
  }

  public long matched() {
    return cases.stream().filter(CaseResult::matches).count();
  }

  /** {@code 91.6 %}: one decimal, so the report reads the same on every machine. */
  public static String rate(long matched, long total) {
    return total == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100.0 * matched / total);
  }

  /** The per-category match table, one line per category plus the total: {@code mysql  joins  412/450  91.6 %}. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, List<CaseResult>> e : byCategory().entrySet()) {
      long m = e.getValue().stream().filter(CaseResult::matches).count();
      sb.append(String.format(Locale.ROOT, "%-11s %-14s %5d/%-5d %s%n", engineName(), e.getKey(), m,
          e.getValue().size(), rate(m, e.getValue().size())));
    }
    sb.append(String.format(Locale.ROOT, "%-11s %-14s %5d/%-5d %s%n", engineName(), "overall", matched(),
        cases.size(), rate(matched(), cases.size())));
    return sb.toString();
  }
}

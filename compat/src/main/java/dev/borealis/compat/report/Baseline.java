package dev.borealis.compat.report;

import dev.borealis.compat.run.CaseResult;
import dev.borealis.compat.run.EngineResult;
import dev.borealis.compat.diff.Texts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The checked-in list of known differences for one engine: one line per case, {@code id<TAB>reason}. A run is
 * compared against it: a case that differs and is not listed is a regression; a listed case that now matches (or
 * no longer exists) must leave the list, so the list stays exact. Only ids are compared; the reason is for readers.
 */
public record Baseline(Map<String, String> known) {

  public Baseline {
    known = Map.copyOf(known);
  }

  /** The verdict of one run against the baseline. */
  public record Verdict(List<CaseResult> regressions, List<String> fixed, List<String> unknown) {
    public boolean clean() {
      return regressions.isEmpty() && fixed.isEmpty() && unknown.isEmpty();
    }

    /** What to tell the developer, one line per problem (at most 30 of each). */
    public String describe(String engine, Path file) {
      StringBuilder sb = new StringBuilder();
      if (!regressions.isEmpty()) {
        sb.append(engine).append(": ").append(regressions.size())
            .append(" statement(s) matched the real server before and differ now (regressions):\n");
        regressions.stream().limit(30).forEach(r -> sb.append("  ").append(r.id()).append(": ")
            .append(Texts.clip(r.text())).append("\n      ").append(r.difference().orElse("")).append('\n'));
      }
      if (!fixed.isEmpty()) {
        sb.append(engine).append(": ").append(fixed.size()).append(" statement(s) fixed, remove from ").append(file)
            .append(":\n");
        fixed.stream().limit(30).forEach(id -> sb.append("  ").append(id).append('\n'));
      }
      if (!unknown.isEmpty()) {
        sb.append(engine).append(": ").append(unknown.size()).append(" id(s) in ").append(file)
            .append(" are not in the corpus any more, remove them:\n");
        unknown.stream().limit(30).forEach(id -> sb.append("  ").append(id).append('\n'));
      }
      if (!clean()) {
        sb.append("(after checking the differences, -Dcompat.updateBaseline=true rewrites the baseline)\n");
      }
      return sb.toString();
    }
  }

  public static Baseline read(Path file) throws IOException {
    Map<String, String> known = new TreeMap<>();
    if (!Files.exists(file)) {
      return new Baseline(known);
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int tab = line.indexOf('\t');
      known.put(tab < 0 ? line.strip() : line.substring(0, tab).strip(), tab < 0 ? "" : line.substring(tab + 1));
    }
    return new Baseline(known);
  }

  /** The baseline this run would write: every differing case, sorted by id. */
  public static String render(EngineResult result) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Known differences between the embedded cluster and ").append(result.real())
        .append(" (").append(result.engineName()).append(" corpus).\n")
        .append("# One case per line: id<TAB>first difference. Written by -Dcompat.updateBaseline=true; see")
        .append(" docs/compatibility.md.\n");
    result.cases().stream().filter(c -> !c.matches())
        .collect(Collectors.toMap(CaseResult::id, c -> c.difference().orElse(""), (a, b) -> a, TreeMap::new))
        .forEach((id, reason) -> sb.append(id).append('\t').append(reason.replace('\n', ' ')).append('\n'));
    return sb.toString();
  }

  public Verdict check(EngineResult result) {
    List<CaseResult> regressions = new ArrayList<>();
    List<String> fixed = new ArrayList<>();
    Set<String> ids = result.cases().stream().map(CaseResult::id).collect(Collectors.toSet());
    for (CaseResult c : result.cases()) {
      if (!c.matches() && !known.containsKey(c.id())) {
        regressions.add(c);
      } else if (c.matches() && known.containsKey(c.id())) {
        fixed.add(c.id());
      }
    }
    List<String> unknown = known.keySet().stream().filter(id -> !ids.contains(id)).sorted().toList();
    return new Verdict(regressions, fixed.stream().sorted().toList(), unknown);
  }
}

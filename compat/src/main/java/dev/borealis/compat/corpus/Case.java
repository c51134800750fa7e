package dev.borealis.compat.corpus;

import java.util.List;

/**
 * One corpus entry: steps run in order on one connection and compared one by one, then clean-up statements (not
 * compared) that put the category's tables back for the next case. {@code id} is stable: category, template and a
 * hash of the statement text, never the position in the run.
 */
public record Case(String id, String category, String template, List<Step> steps, List<String> cleanup) {

  public Case {
    steps = List.copyOf(steps);
    cleanup = List.copyOf(cleanup);
  }

  /** The steps' text on one line, for reports. */
  public String text() {
    return String.join("; ", steps.stream().map(Step::text).toList());
  }
}

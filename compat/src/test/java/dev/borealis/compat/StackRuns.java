package dev.borealis.compat;

import dev.borealis.compat.report.StackResult;
import java.util.List;

/** The application stacks' results (none yet). */
final class StackRuns {

  private StackRuns() {
  }

  static List<StackResult> results() {
    return List.of();
  }
}

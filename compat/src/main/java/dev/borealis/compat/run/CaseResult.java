package dev.borealis.compat.run;

import java.util.Optional;

/** One case's verdict: {@code difference} is empty when both servers answered alike. */
public record CaseResult(String id, String category, String template, String text, Optional<String> difference) {

  public boolean matches() {
    return difference.isEmpty();
  }
}

package dev.borealis.compat.corpus;

import java.util.List;

/**
 * A group of cases that share a namespace (a MySQL database or a PostgreSQL schema, named after the category,
 * created afresh for each run) and the set-up statements that create and fill its tables.
 */
public record Category(String name, List<String> setup, List<Case> cases) {

  public Category {
    setup = List.copyOf(setup);
    cases = List.copyOf(cases);
  }

  /** The namespace the category runs in: {@code compat_joins}. */
  public String namespace() {
    return "compat_" + name;
  }
}

package dev.borealis.compat.report;

import java.util.Optional;

/**
 * One operation of an application stack (e.g. Flyway {@code migrate}) on one engine: on the real server and on
 * the embedded cluster; an empty error means it passed.
 */
public record StackResult(String stack, String operation, String engine, Optional<String> realError,
                          Optional<String> embeddedError) {

  /** The key used in the baseline: {@code stack.flyway.migrate}. */
  public String id() {
    return "stack." + stack.toLowerCase(java.util.Locale.ROOT) + "." + operation;
  }
}

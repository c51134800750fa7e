package dev.borealis.compat.corpus;

/**
 * What the shared templates need to know of an engine's spelling: the timestamp type without time-zone surprises
 * (MySQL's TIMESTAMP column auto-updates, so DATETIME there), the binary type, how a transaction is opened, and
 * how strings are concatenated.
 */
public record Dialect(String name, String datetime, String binary, String begin, String beginReadOnly) {

  public static final Dialect MYSQL = new Dialect("mysql", "DATETIME", "BLOB", "START TRANSACTION",
      "START TRANSACTION READ ONLY");
  public static final Dialect POSTGRESQL = new Dialect("postgresql", "TIMESTAMP", "BYTEA", "BEGIN",
      "BEGIN READ ONLY");

  /** {@code a} and {@code b} concatenated. */
  public String concat(String a, String b) {
    return this == MYSQL ? "CONCAT(" + a + ", " + b + ")" : a + " || " + b;
  }
}

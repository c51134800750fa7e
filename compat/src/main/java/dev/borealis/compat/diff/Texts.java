package dev.borealis.compat.diff;

/** Text helpers for reports: one line, bounded length. */
public final class Texts {

  private static final int MAX = 140;

  private Texts() {
  }

  /**
   * A value or label as it is, so that a difference in spaces stays visible: control characters escaped, at most 140
   * characters.
   */
  public static String exact(String text) {
    String one = text == null ? "null" : text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
        .replace("\t", "\\t");
    return one.length() <= MAX ? one : one.substring(0, MAX - 1) + "…";
  }

  /** {@code text} on one line, at most 140 characters. */
  public static String clip(String text) {
    String one = text == null ? "" : text.replaceAll("\\s+", " ").strip();
    return one.length() <= MAX ? one : one.substring(0, MAX - 1) + "…";
  }
}

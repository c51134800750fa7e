package dev.borealis.compat.diff;

import java.util.Locale;

/**
 * Whether a statement defines the order of its rows: an {@code ORDER BY} outside every parenthesis (so one in a
 * window's {@code OVER (…)} or a subquery does not count) and outside quotes. Rows of any other statement are
 * compared as a multiset, since the server may return them in any order.
 */
public final class RowOrder {

  private RowOrder() {
  }

  public static boolean defined(String sql) {
    String upper = sql.toUpperCase(Locale.ROOT);
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < upper.length(); i++) {
      char c = upper.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (depth == 0 && upper.startsWith("ORDER BY", i) && (i == 0 || !Character.isLetterOrDigit(
          upper.charAt(i - 1)))) {
        return true;
      }
    }
    return false;
  }
}

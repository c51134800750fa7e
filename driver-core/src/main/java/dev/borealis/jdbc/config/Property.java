package dev.borealis.jdbc.config;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One wrapper property: its name, default, description and validation rule. Constants live with the feature that
 * reads them ({@link CoreProperties} for core, plugin factories for theirs); nothing registers itself globally.
 *
 * @param <T> the parsed type
 */
public final class Property<T> {

  /** The SQLSTATE for "invalid attribute value". */
  public static final String INVALID_VALUE = "HY024";

  private final String name;
  private final T defaultValue;
  private final String description;
  private final String rule;
  private final Function<String, T> parser;

  private Property(String name, T defaultValue, String description, String rule, Function<String, T> parser) {
    this.name = Objects.requireNonNull(name);
    this.defaultValue = defaultValue;
    this.description = Objects.requireNonNull(description);
    this.rule = Objects.requireNonNull(rule);
    this.parser = Objects.requireNonNull(parser);
  }

  /** Any string matching {@code pattern}; {@code rule} explains the pattern to humans. */
  public static Property<String> string(String name, String defaultValue, String description, String rule,
      String pattern) {
    Pattern p = Pattern.compile(pattern);
    return new Property<>(name, defaultValue, description, rule, v -> p.matcher(v).matches() ? v : null);
  }

  public static Property<Long> integer(String name, long defaultValue, long min, long max, String description) {
    return new Property<>(name, defaultValue, description, "an integer from " + min + " to " + max, v -> {
      try {
        long n = Long.parseLong(v.trim());
        return n >= min && n <= max ? n : null;
      } catch (NumberFormatException e) {
        return null;
      }
    });
  }

  public static Property<Boolean> bool(String name, boolean defaultValue, String description) {
    return new Property<>(name, defaultValue, description, "true or false", v -> switch (v.trim()
        .toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> null;
    });
  }

  /** One of {@code allowed}, compared case-insensitively and returned as spelled in {@code allowed}. */
  public static Property<String> oneOf(String name, String defaultValue, Set<String> allowed, String description) {
    String rule = "one of " + String.join(", ", new java.util.TreeSet<>(allowed));
    return new Property<>(name, defaultValue, description, rule,
        v -> allowed.stream().filter(a -> a.equalsIgnoreCase(v.trim())).findFirst().orElse(null));
  }

  public String name() {
    return name;
  }

  public T defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  public String rule() {
    return rule;
  }

  /** Parses {@code raw}; an invalid value fails with the property, the value and the rule (HY024). */
  public T parse(String raw) throws SQLException {
    T value = raw == null ? null : parser.apply(raw);
    if (value == null) {
      String shown = Secrets.isSecret(name) ? "***" : "'" + raw + "'";
      throw new SQLException("property '" + name + "' has invalid value " + shown + ": must be " + rule,
          INVALID_VALUE);
    }
    return value;
  }

  @Override
  public String toString() {
    return name;
  }
}

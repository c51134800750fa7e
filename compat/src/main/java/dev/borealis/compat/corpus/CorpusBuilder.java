package dev.borealis.compat.corpus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a corpus from templates times value sets: {@code $1}, {@code $2}, … in a template are replaced by every
 * combination of the values given for them (the cartesian product), so a few lines of code give hundreds of
 * statements. A combination that yields a statement already in the category is kept once.
 */
public final class CorpusBuilder {

  private final Map<String, CategoryBuilder> categories = new LinkedHashMap<>();

  /** The category {@code name}, created on first use. */
  public CategoryBuilder category(String name) {
    return categories.computeIfAbsent(name, CategoryBuilder::new);
  }

  public List<Category> build() {
    return categories.values().stream().map(CategoryBuilder::build).toList();
  }

  /** Values for one placeholder. */
  public static List<String> vals(String... values) {
    return List.of(values);
  }

  /** One category's set-up, clean-up and cases. */
  public static final class CategoryBuilder {
    private final String name;
    private final List<String> setup = new ArrayList<>();
    private final List<String> cleanup = new ArrayList<>();
    private final Map<String, Case> cases = new LinkedHashMap<>();

    private CategoryBuilder(String name) {
      this.name = name;
    }

    /** Statements run once, before the category's cases, on both servers (not compared). */
    public CategoryBuilder setup(String... sql) {
      setup.addAll(List.of(sql));
      return this;
    }

    /** Statements run after every case (not compared), to restore what cases change. */
    public CategoryBuilder cleanup(String... sql) {
      cleanup.addAll(List.of(sql));
      return this;
    }

    /** One single-statement case per combination of {@code values}. */
    @SafeVarargs
    public final CategoryBuilder each(String template, String pattern, List<String>... values) {
      return scenario(template, List.of(pattern), values);
    }

    /** One case per combination of {@code values}: the statements {@code patterns}, in order on one connection. */
    @SafeVarargs
    public final CategoryBuilder scenario(String template, List<String> patterns, List<String>... values) {
      List<List<String>> sets = new ArrayList<>(values.length);
      for (List<String> set : values) {
        sets.add(set);
      }
      for (List<String> combination : product(sets)) {
        List<Step> steps = patterns.stream().map(p -> (Step) new Step.Sql(fill(p, combination))).toList();
        add(template, steps);
      }
      return this;
    }

    /** A metadata call, compared like a statement. */
    public CategoryBuilder metadata(String template, String text, boolean ordered, Step.MetadataCall call) {
      return add(template, List.of(new Step.Metadata(text, ordered, call)));
    }

    private CategoryBuilder add(String template, List<Step> steps) {
      String text = String.join("\n", steps.stream().map(Step::text).toList());
      String id = name + "." + template + "." + hash(text);
      cases.putIfAbsent(id, new Case(id, name, template, steps, cleanup));
      return this;
    }

    private Category build() {
      return new Category(name, setup, List.copyOf(cases.values()));
    }
  }

  /**
   * Replaces the placeholders; a value may itself hold placeholders (a function template {@code UPPER($1)} given as
   * the value of {@code $2}), so passes repeat until nothing changes.
   */
  static String fill(String pattern, List<String> values) {
    String out = pattern;
    for (int pass = 0; pass < 4; pass++) {
      String before = out;
      // Highest placeholder first, so $1 does not eat the start of $12.
      for (int i = values.size(); i >= 1; i--) {
        out = out.replace("$" + i, values.get(i - 1));
      }
      if (out.equals(before)) {
        break;
      }
    }
    return out;
  }

  static List<List<String>> product(List<List<String>> sets) {
    List<List<String>> out = new ArrayList<>();
    out.add(List.of());
    for (List<String> set : sets) {
      List<List<String>> next = new ArrayList<>();
      for (List<String> prefix : out) {
        for (String v : set) {
          List<String> combination = new ArrayList<>(prefix);
          combination.add(v);
          next.add(combination);
        }
      }
      out = next;
    }
    return out;
  }

  private static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}

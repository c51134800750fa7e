package dev.borealis.jdbc.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The generated property references in {@code docs/} (core, failover, credentials): one table format, and one check
 * that the committed file matches the constants ({@code -Dborealis.regenerate=true} rewrites it).
 */
public final class PropertyReference {

  private PropertyReference() {
  }

  /** A Markdown table of {@code props}: name, default, allowed values, description. */
  public static void appendTable(StringBuilder sb, List<Property<?>> props) {
    sb.append("| Property | Default | Allowed values | Description |\n|---|---|---|---|\n");
    for (Property<?> p : props) {
      sb.append("| `").append(p.name()).append("` | ")
          .append(p.defaultValue() == null ? "(unset)" : "".equals(p.defaultValue()) ? "(empty)"
              : "`" + p.defaultValue() + "`").append(" | ")
          .append(p.rule().replace("|", "\\|")).append(" | ").append(p.description().replace("|", "\\|"))
          .append(" |\n");
    }
  }

  /** Fails when {@code doc} (a path from the module directory) differs from {@code expected}. */
  public static void assertCurrent(Path doc, String expected) throws IOException {
    String name = "docs/" + doc.getFileName();
    if (Boolean.getBoolean("borealis.regenerate")) {
      Files.createDirectories(doc.getParent());
      Files.writeString(doc, expected, StandardCharsets.UTF_8);
    }
    assertThat(doc).as(name + " (run with -Dborealis.regenerate=true)").exists();
    assertThat(Files.readString(doc, StandardCharsets.UTF_8)).as(name + " is stale").isEqualTo(expected);
  }
}

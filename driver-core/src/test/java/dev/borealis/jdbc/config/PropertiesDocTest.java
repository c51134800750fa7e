package dev.borealis.jdbc.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/properties.md} is generated from {@link CoreProperties}; this fails when they drift. Regenerate with
 * {@code -Dborealis.regenerate=true} and commit.
 */
class PropertiesDocTest {

  private static final Path DOC = Path.of("../docs/properties.md");

  static String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("# Borealis driver properties\n\n")
        .append("<!-- GENERATED from dev.borealis.jdbc.config.CoreProperties by PropertiesDocTest; do not edit. -->\n\n")
        .append("Properties come from the `Properties` passed to `DriverManager.getConnection` (or a DataSource's ")
        .append("`properties`) and from the URL's query string; **the URL wins** when both set one. Any name may be ")
        .append("written with a `borealis.` prefix (`borealis.dialect`); an unknown `borealis.`-prefixed name is ")
        .append("logged as a warning and ignored. Every other property that is not listed here (`user`, ")
        .append("`password`, `connectTimeout`, `sslmode`, …) is passed to the target driver untouched. An invalid ")
        .append("value fails the connection with SQLSTATE HY024 and a message naming the property, the value and ")
        .append("the rule.\n\n")
        .append("Cluster-wide settings (`dialect`, `clusterInstanceHostPattern`, `clusterTopologyRefreshRateMs`, ")
        .append("`roundRobinHostWeightPairs`) are taken from the first connection to a cluster id and shared by ")
        .append("all later connections to it.\n\n")
        .append("| Property | Default | Allowed values | Description |\n|---|---|---|---|\n");
    for (Property<?> p : CoreProperties.all()) {
      sb.append("| `").append(p.name()).append("` | ")
          .append(p.defaultValue() == null ? "(unset)" : "".equals(p.defaultValue()) ? "(empty)"
              : "`" + p.defaultValue() + "`").append(" | ")
          .append(p.rule().replace("|", "\\|")).append(" | ").append(p.description().replace("|", "\\|"))
          .append(" |\n");
    }
    return sb.toString();
  }

  @Test
  void theReferenceMatchesTheConstants() throws IOException {
    String expected = render();
    if (Boolean.getBoolean("borealis.regenerate")) {
      Files.createDirectories(DOC.getParent());
      Files.writeString(DOC, expected, StandardCharsets.UTF_8);
    }
    assertThat(DOC).as("docs/properties.md (run with -Dborealis.regenerate=true)").exists();
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8)).as("docs/properties.md is stale").isEqualTo(expected);
  }
}

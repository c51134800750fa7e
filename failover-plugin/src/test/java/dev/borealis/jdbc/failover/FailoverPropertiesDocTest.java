package dev.borealis.jdbc.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.borealis.jdbc.config.Property;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/failover-properties.md} is generated from {@link FailoverProperties} (core's PropertiesDocTest owns
 * {@code docs/properties.md}); this fails when they drift. Regenerate with {@code -Dborealis.regenerate=true}.
 */
class FailoverPropertiesDocTest {

  private static final Path DOC = Path.of("../docs/failover-properties.md");

  static String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("# Failover and failure-monitoring properties\n\n")
        .append("<!-- GENERATED from dev.borealis.jdbc.failover.FailoverProperties by FailoverPropertiesDocTest; ")
        .append("do not edit. -->\n\n")
        .append("Read by the `failover` and `efm` plugins (module `failover-plugin`, both on by default when the ")
        .append("module is on the class path). Given like every other property (see [properties.md](properties.md)). ")
        .append("An instance's failure monitor keeps the settings of the connection that started it.\n\n");
    section(sb, "`failover`", FailoverProperties.failover());
    section(sb, "`efm` (enhanced failure monitoring)", FailoverProperties.monitoring());
    return sb.toString();
  }

  private static void section(StringBuilder sb, String title, List<Property<?>> props) {
    sb.append("## ").append(title).append("\n\n| Property | Default | Allowed values | Description |\n|---|---|---|---|\n");
    for (Property<?> p : props) {
      sb.append("| `").append(p.name()).append("` | ")
          .append(p.defaultValue() == null ? "(unset)" : "`" + p.defaultValue() + "`").append(" | ")
          .append(p.rule().replace("|", "\\|")).append(" | ").append(p.description().replace("|", "\\|"))
          .append(" |\n");
    }
    sb.append('\n');
  }

  @Test
  void theReferenceMatchesTheConstants() throws IOException {
    String expected = render();
    if (Boolean.getBoolean("borealis.regenerate")) {
      Files.writeString(DOC, expected, StandardCharsets.UTF_8);
    }
    assertThat(DOC).as("docs/failover-properties.md (run with -Dborealis.regenerate=true)").exists();
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8)).as("docs/failover-properties.md is stale")
        .isEqualTo(expected);
  }
}

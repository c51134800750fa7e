package dev.borealis.jdbc.failover;

import dev.borealis.jdbc.config.Property;
import dev.borealis.jdbc.config.PropertyReference;
import java.io.IOException;
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
    sb.append("## ").append(title).append("\n\n");
    PropertyReference.appendTable(sb, props);
    sb.append('\n');
  }

  @Test
  void theReferenceMatchesTheConstants() throws IOException {
    PropertyReference.assertCurrent(DOC, render());
  }
}

package dev.borealis.jdbc.customendpoint;

import dev.borealis.jdbc.config.PropertyReference;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/custom-endpoint-properties.md} is generated from {@link CustomEndpointProperties}; this fails when they
 * drift. Regenerate with {@code -Dborealis.regenerate=true}.
 */
class CustomEndpointPropertiesDocTest {

  private static final Path DOC = Path.of("../docs/custom-endpoint-properties.md");

  static String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("# Custom endpoint properties\n\n")
        .append("<!-- GENERATED from dev.borealis.jdbc.customendpoint.CustomEndpointProperties by ")
        .append("CustomEndpointPropertiesDocTest; do not edit. -->\n\n")
        .append("Read by the `customEndpoint` plugin (in `driver-core`, off unless named in `wrapperPlugins`). Given ")
        .append("like every other property (see [properties.md](properties.md)); how the plugin behaves is in ")
        .append("[custom-endpoints.md](custom-endpoints.md). The AWS wrapper's `customEndpointRegion` has no ")
        .append("counterpart: the member list comes from `customEndpointInfoUrl`.\n\n");
    PropertyReference.appendTable(sb, CustomEndpointProperties.all());
    return sb.toString();
  }

  @Test
  void theReferenceMatchesTheConstants() throws IOException {
    PropertyReference.assertCurrent(DOC, render());
  }
}

package dev.borealis.jdbc.aws;

import dev.borealis.jdbc.config.Property;
import dev.borealis.jdbc.config.PropertyReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/credentials-properties.md} is generated from {@link AwsProperties} (core's PropertiesDocTest owns
 * {@code docs/properties.md}); this fails when they drift. Regenerate with {@code -Dborealis.regenerate=true}.
 */
class CredentialsPropertiesDocTest {

  private static final Path DOC = Path.of("../docs/credentials-properties.md");

  static String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("# AWS credentials properties\n\n")
        .append("<!-- GENERATED from dev.borealis.jdbc.aws.AwsProperties by CredentialsPropertiesDocTest; ")
        .append("do not edit. -->\n\n")
        .append("Read by the `awsSecretsManager` and `iam` plugins (in `driver-core`, off unless named in ")
        .append("`wrapperPlugins`; they need the AWS SDK for Java v2 on the class path). Given like every other ")
        .append("property (see [properties.md](properties.md)); how the plugins behave is in ")
        .append("[credentials.md](credentials.md).\n\n");
    section(sb, "`awsSecretsManager`", AwsProperties.secretsManager());
    section(sb, "`iam`", AwsProperties.iam());
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

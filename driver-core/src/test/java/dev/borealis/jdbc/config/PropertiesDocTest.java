package dev.borealis.jdbc.config;

import java.io.IOException;
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
        .append("the rule (a secret's value shown as `***`). A `Properties` value that is a Number or Boolean is ")
        .append("taken as its string form and validated like it; a key or value of any other type fails with ")
        .append("HY024 naming the property and the type.\n\n")
        .append("Cluster-wide settings (`dialect`, `clusterInstanceHostPattern`, `clusterTopologyRefreshRateMs`, ")
        .append("`roundRobinHostWeightPairs`) are taken from the first connection to a cluster id and shared by ")
        .append("all later connections to it.\n\n");
    PropertyReference.appendTable(sb, CoreProperties.all());
    return sb.toString();
  }

  @Test
  void theReferenceMatchesTheConstants() throws IOException {
    PropertyReference.assertCurrent(DOC, render());
  }
}

package dev.borealis.jdbc.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/** What a tool gets in the jar: Borealis classes (third-party ones relocated under them) and metadata, nothing else. */
class ShadedJarContentsIT {

  @Test
  void everyEntryIsUnderBorealisOrMetaInf() throws IOException {
    try (JarFile jar = new JarFile(ToolJar.borealisJar().toFile())) {
      List<String> foreign = jar.stream().map(ZipEntry::getName)
          .filter(n -> !n.startsWith("dev/borealis/") && !n.startsWith("META-INF/") && !n.equals("dev/"))
          .toList();
      assertThat(foreign).as("unrelocated entries").isEmpty();
    }
  }

  @Test
  void thirdPartyClassesAreRelocatedAndTargetDriversAreNotBundled() throws IOException {
    try (JarFile jar = new JarFile(ToolJar.borealisJar().toFile())) {
      List<String> names = jar.stream().map(ZipEntry::getName).toList();
      assertThat(names).anyMatch(n -> n.startsWith("dev/borealis/jdbc/shaded/caffeine/"))
          .anyMatch(n -> n.startsWith("dev/borealis/jdbc/shaded/resilience4j/"))
          .noneMatch(n -> n.startsWith("com/mysql/") || n.startsWith("org/postgresql/"))
          .noneMatch(n -> n.startsWith("software/amazon/") || n.startsWith("io/opentelemetry/"));
    }
  }

  @Test
  void serviceFilesListEveryDialectAndPlugin() throws IOException {
    try (JarFile jar = new JarFile(ToolJar.borealisJar().toFile())) {
      assertThat(service(jar, "java.sql.Driver")).contains("dev.borealis.jdbc.Driver");
      assertThat(service(jar, "dev.borealis.jdbc.spi.TargetEngine")).contains("dev.borealis.jdbc.mysql.")
          .contains("dev.borealis.jdbc.postgres.");
      assertThat(service(jar, "dev.borealis.jdbc.spi.PluginFactory")).contains("dev.borealis.jdbc.failover.")
          .contains("dev.borealis.jdbc.readwrite.");
    }
  }

  private static String service(JarFile jar, String name) throws IOException {
    ZipEntry e = jar.getEntry("META-INF/services/" + name);
    assertThat(e).as("META-INF/services/%s", name).isNotNull();
    try (InputStream in = jar.getInputStream(e)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

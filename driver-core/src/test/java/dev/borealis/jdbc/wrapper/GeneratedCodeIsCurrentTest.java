package dev.borealis.jdbc.wrapper;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The checked-in generated sources equal what {@link WrapperGenerator} produces now. After changing the generator
 * or a hand-written base, regenerate with {@code -Dborealis.regenerate=true} and commit the result.
 */
class GeneratedCodeIsCurrentTest {

  private static final Path SOURCES = Path.of("src/main/java");

  @Test
  void generatedWrappersAndJdbcMethodAreUpToDate() throws IOException {
    Map<String, String> expected = WrapperGenerator.generateAll();
    if (Boolean.getBoolean("borealis.regenerate")) {
      for (Map.Entry<String, String> e : expected.entrySet()) {
        Files.writeString(SOURCES.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
      }
    }
    for (Map.Entry<String, String> e : expected.entrySet()) {
      Path file = SOURCES.resolve(e.getKey());
      assertThat(file).as("generated file %s (run with -Dborealis.regenerate=true)", file).exists();
      assertThat(Files.readString(file, StandardCharsets.UTF_8))
          .as("%s is stale: run the test with -Dborealis.regenerate=true and commit", file).isEqualTo(e.getValue());
    }
  }

  @Test
  void everyGeneratedClassIsKnownToTheGenerator() throws IOException {
    try (var files = Files.list(SOURCES.resolve("dev/borealis/jdbc/wrapper"))) {
      var generated = files.filter(f -> readQuietly(f).startsWith("// GENERATED"))
          .map(f -> "dev/borealis/jdbc/wrapper/" + f.getFileName()).toList();
      assertThat(WrapperGenerator.generateAll().keySet()).containsAll(generated);
    }
  }

  private static String readQuietly(Path f) {
    try {
      return Files.readString(f, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

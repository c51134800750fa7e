package dev.borealis.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.borealis.compat.report.Baseline;
import dev.borealis.compat.run.EngineResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Holds a run to its engine's checked-in baseline ({@code src/test/resources/baseline-<engine>.txt});
 * {@code -Dcompat.updateBaseline=true} rewrites the file from the run instead.
 */
final class BaselineCheck {

  private BaselineCheck() {
  }

  static Path file(String engine) {
    return Path.of("src/test/resources/baseline-" + engine + ".txt");
  }

  static void assertMatches(EngineResult result) throws IOException {
    Path file = file(result.engineName());
    if (Boolean.getBoolean("compat.updateBaseline")) {
      Files.writeString(file, Baseline.render(result), StandardCharsets.UTF_8);
    }
    Baseline.Verdict verdict = Baseline.read(file).check(result);
    assertThat(verdict.clean()).as(verdict.describe(result.engineName(), file)).isTrue();
  }
}

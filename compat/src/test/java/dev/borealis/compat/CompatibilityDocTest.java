package dev.borealis.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.borealis.cluster.Engine;
import dev.borealis.compat.report.CompatibilityDoc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/compatibility.md} is generated from the differential run; this fails when the checked-in file is not
 * what this run produced. Regenerate with {@code -Dcompat.updateDocs=true} and commit.
 */
class CompatibilityDocTest {

  private static final Path DOC = Path.of("../docs/compatibility.md");

  @Test
  void theCheckedInDocumentIsThisRunsResults() throws Exception {
    String expected = CompatibilityDoc.render(List.of(CompatRuns.result(Engine.MYSQL),
        CompatRuns.result(Engine.POSTGRESQL)), StackRuns.results());
    if (Boolean.getBoolean("compat.updateDocs")) {
      Files.writeString(DOC, expected, StandardCharsets.UTF_8);
    }
    assertThat(DOC).as("docs/compatibility.md (run with -Dcompat.updateDocs=true)").exists();
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8)).as("docs/compatibility.md is stale").isEqualTo(expected);
  }
}

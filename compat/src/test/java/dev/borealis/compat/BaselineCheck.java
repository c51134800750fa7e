package dev.borealis.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.borealis.compat.report.Baseline;
import dev.borealis.compat.report.StackResult;
import dev.borealis.compat.run.CaseResult;
import dev.borealis.compat.run.EngineResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Holds a run (corpus and stacks) to its engine's checked-in baseline ({@code src/test/resources/baseline-<engine>.txt});
 * {@code -Dcompat.updateBaseline=true} rewrites the file from the run instead. A stack operation that fails on the
 * embedded cluster is a known difference like a corpus case, with id {@code stack.flyway.<operation>}.
 */
final class BaselineCheck {

  private BaselineCheck() {
  }

  static Path file(String engine) {
    return Path.of("src/test/resources/baseline-" + engine + ".txt");
  }

  static void assertMatches(EngineResult corpus, List<StackResult> stacks) throws IOException {
    List<CaseResult> cases = new ArrayList<>(corpus.cases());
    for (StackResult s : stacks) {
      Optional<String> difference = s.embeddedError().map(e -> "embedded fails: " + e)
          .or(() -> s.realError().map(e -> "real fails: " + e));
      cases.add(new CaseResult(s.id(), "stacks", s.stack(), s.stack() + " " + s.operation(), difference));
    }
    EngineResult result = new EngineResult(corpus.engine(), corpus.real(), cases, corpus.setupFailures());
    Path file = file(result.engineName());
    if (Boolean.getBoolean("compat.updateBaseline")) {
      Files.writeString(file, Baseline.render(result), StandardCharsets.UTF_8);
    }
    Baseline.Verdict verdict = Baseline.read(file).check(result);
    assertThat(verdict.clean()).as(verdict.describe(result.engineName(), file)).isTrue();
  }

  /** Every stack operation passes on the real server (else the stack test itself is wrong). */
  static void assertRealPasses(List<StackResult> stacks) {
    assertThat(stacks).allSatisfy(s -> assertThat(s.realError()).as(s.stack() + " " + s.operation() + " on "
        + s.engine() + "'s real server").isEmpty());
  }
}

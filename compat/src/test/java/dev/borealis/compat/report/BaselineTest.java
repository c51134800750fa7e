package dev.borealis.compat.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.borealis.cluster.Engine;
import dev.borealis.compat.run.CaseResult;
import dev.borealis.compat.run.EngineResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {

  private static CaseResult matching(String id) {
    return new CaseResult(id, "c", "t", "SELECT 1", Optional.empty());
  }

  private static CaseResult differing(String id) {
    return new CaseResult(id, "c", "t", "SELECT 1", Optional.of("column 1 label: real 'a' vs embedded 'b'"));
  }

  private static EngineResult run(CaseResult... cases) {
    return new EngineResult(Engine.MYSQL, "MariaDB 10.11.19", List.of(cases), Map.of());
  }

  @Test
  void aCaseThatDiffersAndIsNotListedIsARegression() {
    Baseline.Verdict v = new Baseline(Map.of("c.t.1", "x")).check(run(differing("c.t.1"), differing("c.t.2")));
    assertThat(v.regressions()).extracting(CaseResult::id).containsExactly("c.t.2");
    assertThat(v.clean()).isFalse();
    assertThat(v.describe("mysql", Path.of("b.txt"))).contains("regressions", "c.t.2", "label: real 'a'");
  }

  @Test
  void aListedCaseThatNowMatchesOrNoLongerExistsMustLeaveTheList() {
    Baseline.Verdict v = new Baseline(Map.of("c.t.1", "x", "c.t.9", "y")).check(run(matching("c.t.1")));
    assertThat(v.fixed()).containsExactly("c.t.1");
    assertThat(v.unknown()).containsExactly("c.t.9");
    assertThat(v.describe("mysql", Path.of("b.txt"))).contains("fixed, remove from b.txt", "not in the corpus");
  }

  @Test
  void aRenderedBaselineReadsBackAsExactlyTheDifferingCases(@TempDir Path dir) throws Exception {
    EngineResult result = run(differing("c.t.2"), matching("c.t.3"), differing("c.t.1"));
    Path file = dir.resolve("baseline.txt");
    Files.writeString(file, Baseline.render(result));
    Baseline read = Baseline.read(file);
    assertThat(read.known().keySet()).containsExactlyInAnyOrder("c.t.1", "c.t.2");
    assertThat(read.check(result).clean()).isTrue();
  }

  @Test
  void causesGroupCasesThatDifferOnlyInValues() {
    assertThat(CompatibilityDoc.cause("step 2: row 3 column 1 ('x') value: real '1.5' vs embedded '1.50'"))
        .isEqualTo(CompatibilityDoc.cause("row 1 column 1 ('x') value: real 'a' vs embedded 'b'"));
    assertThat(CompatibilityDoc.cause("column 1 ('1 < 1') JDBC type: real INTEGER (INT) vs embedded BIT (BIT)"))
        .isEqualTo(CompatibilityDoc.cause("column 2 ('x') JDBC type: real INTEGER (INT) vs embedded BIT (BIT)"));
    assertThat(CompatibilityDoc.release("MariaDB 10.11.19")).isEqualTo("MariaDB 10.11");
    assertThat(CompatibilityDoc.release("PostgreSQL 15")).isEqualTo("PostgreSQL 15");
  }
}

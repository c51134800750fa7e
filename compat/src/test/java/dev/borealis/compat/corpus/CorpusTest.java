package dev.borealis.compat.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CorpusTest {

  private static final List<String> CATEGORIES = List.of("ddl", "dml", "joins", "subqueries", "cte", "window",
      "aggregate", "json", "datetime", "string", "numeric", "casts", "nulls", "transactions", "errors", "metadata");

  @Test
  void eachEngineHasAtLeast3000CasesInEveryCategory() {
    for (List<Category> corpus : List.of(MysqlCorpus.build(), PostgresCorpus.build())) {
      assertThat(corpus.stream().mapToInt(c -> c.cases().size()).sum()).isGreaterThanOrEqualTo(3000);
      assertThat(corpus.stream().map(Category::name)).containsAll(CATEGORIES);
      assertThat(corpus).allSatisfy(c -> assertThat(c.cases()).as(c.name()).hasSizeGreaterThan(25));
    }
    assertThat(MysqlCorpus.build().stream().map(Category::name)).contains("collation");
    assertThat(PostgresCorpus.build().stream().map(Category::name)).contains("identifiers");
  }

  @Test
  void idsAreStableAcrossBuildsAndUnique() {
    for (Supplier<List<Category>> corpus : List.<Supplier<List<Category>>>of(MysqlCorpus::build,
        PostgresCorpus::build)) {
      List<String> first = ids(corpus.get());
      assertThat(ids(corpus.get())).isEqualTo(first);
      assertThat(first).doesNotHaveDuplicates();
      assertThat(first).allMatch(id -> id.matches("[a-z]+\\.[A-Za-z0-9-]+\\.[0-9a-f]{8}"));
    }
  }

  @Test
  void anIdDependsOnTheStatementNotOnItsPosition() {
    CorpusBuilder a = new CorpusBuilder();
    a.category("x").each("t", "SELECT $1", CorpusBuilder.vals("1", "2"));
    CorpusBuilder b = new CorpusBuilder();
    b.category("x").each("t", "SELECT $1", CorpusBuilder.vals("0", "2"));
    Map<String, String> idsA = a.build().get(0).cases().stream().collect(Collectors.toMap(Case::text, Case::id));
    Map<String, String> idsB = b.build().get(0).cases().stream().collect(Collectors.toMap(Case::text, Case::id));
    assertThat(idsA.get("SELECT 2")).isEqualTo(idsB.get("SELECT 2"));
  }

  @Test
  void placeholdersInsideValuesAreFilledToo() {
    assertThat(CorpusBuilder.fill("SELECT $2", List.of("'a'", "UPPER($1)"))).isEqualTo("SELECT UPPER('a')");
    assertThat(CorpusBuilder.fill("$1", List.of("SELECT * FROM $2", "t"))).isEqualTo("SELECT * FROM t");
    assertThat(CorpusBuilder.fill("SELECT JSON_EXTRACT(j, '$1')", List.of("$.a"))).isEqualTo(
        "SELECT JSON_EXTRACT(j, '$.a')");
  }

  private static List<String> ids(List<Category> corpus) {
    return corpus.stream().flatMap(c -> c.cases().stream()).map(Case::id).toList();
  }
}

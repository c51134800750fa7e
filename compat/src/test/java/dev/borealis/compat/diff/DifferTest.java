package dev.borealis.compat.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

class DifferTest {

  private final Differ mysql = new Differ(true);
  private final Differ postgres = new Differ(false);

  private static Outcome.Rows rows(String label, int type, String typeName, String... values) {
    return new Outcome.Rows(List.of(new Outcome.Column(label, type, typeName)),
        java.util.Arrays.stream(values).map(List::of).toList(), false);
  }

  @Test
  void aLabelDifferenceNamesTheColumnAndBothLabels() {
    assertThat(mysql.compare(rows("COUNT(*)", Types.BIGINT, "BIGINT", "3"),
        rows("count(*)", Types.BIGINT, "BIGINT", "3"), false))
        .contains("column 1 label: real 'COUNT(*)' vs embedded 'count(*)'");
  }

  @Test
  void aLabelDifferenceInSpacesStaysVisible() {
    assertThat(mysql.compare(rows("a  b", Types.INTEGER, "INT"), rows("a b", Types.INTEGER, "INT"), false))
        .contains("column 1 label: real 'a  b' vs embedded 'a b'");
  }

  @Test
  void jdbcTypesAndTypeNamesAreCompared() {
    assertThat(mysql.compare(rows("x", Types.INTEGER, "INT"), rows("x", Types.BIT, "BIT"), false))
        .contains("column 1 ('x') JDBC type: real INTEGER (INT) vs embedded BIT (BIT)");
    assertThat(postgres.compare(rows("x", Types.VARCHAR, "text"), rows("x", Types.VARCHAR, "varchar"), false))
        .contains("column 1 ('x') type name: real 'text' vs embedded 'varchar'");
    assertThat(postgres.compare(rows("x", Types.VARCHAR, "TEXT"), rows("x", Types.VARCHAR, "text"), false))
        .isEmpty();
  }

  @Test
  void numbersCompareByValueNotScaleOrJavaType() throws Exception {
    assertThat(Values.canonical(new BigDecimal("1.50"))).isEqualTo(Values.canonical(1.5d)).isEqualTo("1.5");
    assertThat(Values.canonical(new BigDecimal("100"))).isEqualTo(Values.canonical(100L)).isEqualTo("100");
    assertThat(Values.canonical(new BigDecimal("0.000"))).isEqualTo("0");
    assertThat(Values.canonical(0.1f)).isEqualTo("0.1");
    assertThat(Values.canonical(new byte[] {1, (byte) 0xAB})).isEqualTo("x'01ab'");
    assertThat(Values.canonical(Timestamp.valueOf("2024-02-29 13:45:30"))).isEqualTo("2024-02-29T13:45:30");
  }

  @Test
  void rowsWithoutOrderByCompareAsAMultisetAndWithItInOrder() {
    Outcome.Rows ab = rows("x", Types.INTEGER, "INT", "1", "2");
    Outcome.Rows ba = rows("x", Types.INTEGER, "INT", "2", "1");
    assertThat(mysql.compare(ab, ba, false)).isEmpty();
    assertThat(mysql.compare(ab, ba, true)).contains("row 1 column 1 ('x') value: real '1' vs embedded '2'");
    assertThat(mysql.compare(ab, rows("x", Types.INTEGER, "INT", "1"), false))
        .contains("row count: real 2 vs embedded 1");
  }

  @Test
  void errorsCompareSqlStateClassAndOnMysqlTheVendorCode() {
    Outcome.Failure real = new Outcome.Failure("42S02", 1146, "Table 'x' doesn't exist");
    assertThat(mysql.compare(real, new Outcome.Failure("42000", 1146, "other words"), false)).isEmpty();
    assertThat(mysql.compare(real, new Outcome.Failure("42S02", 1064, "syntax"), false))
        .contains("error code: real 1146 vs embedded error 42S02 [1064] 'syntax'");
    assertThat(postgres.compare(new Outcome.Failure("42P01", 0, "a"), new Outcome.Failure("42601", 0, "b"), false))
        .isEmpty();
    assertThat(postgres.compare(new Outcome.Failure("42P01", 0, "a"), new Outcome.Failure("XX000", 0, "b"), false))
        .contains("error class: real 42P01 vs embedded error XX000 'b'");
  }

  @Test
  void aDifferentKindOfOutcomeSaysWhatEachSideGave() {
    assertThat(mysql.compare(new Outcome.Count(1), new Outcome.Failure(null, 0, "boom"), false))
        .contains("real update count 1 vs embedded error ????? 'boom'");
    assertThat(mysql.compare(new Outcome.Count(2), new Outcome.Count(3), false))
        .contains("update count: real 2 vs embedded 3");
  }

  @Test
  void onlyATopLevelOrderByDefinesRowOrder() {
    assertThat(RowOrder.defined("SELECT id FROM emp ORDER BY id")).isTrue();
    assertThat(RowOrder.defined("SELECT id, ROW_NUMBER() OVER (ORDER BY id) FROM emp")).isFalse();
    assertThat(RowOrder.defined("SELECT * FROM (SELECT id FROM emp ORDER BY id) t")).isFalse();
    assertThat(RowOrder.defined("SELECT 'ORDER BY' FROM emp")).isFalse();
    assertThat(RowOrder.defined("select id from emp order by 1")).isTrue();
  }
}

package dev.borealis.compat.corpus;

import static dev.borealis.compat.corpus.CorpusBuilder.vals;

import java.util.ArrayList;
import java.util.List;

/**
 * Templates for scalar expressions and errors that both engines share: NULL semantics, string and numeric
 * functions, and the common error cases. Engine corpora add their own functions to the same categories.
 */
final class ExpressionTemplates {

  /** Strings every string function gets: empty, NULL, spaces, non-ASCII, a quote, mixed case. */
  static final List<String> STRINGS = vals("'abc'", "''", "'Hello World'", "'  pad  '", "NULL", "'äöü'",
      "'O''Brien'", "'MiXeD'");
  /** Numbers every numeric function gets: zero, signs, halves (rounding), a fraction, big, NULL. */
  static final List<String> NUMBERS = vals("0", "1", "-1", "2.5", "-2.5", "123.456", "0.1", "2147483647", "NULL",
      "1e3");

  private ExpressionTemplates() {
  }

  static CorpusBuilder.CategoryBuilder nulls(CorpusBuilder b, Dialect d) {
    CorpusBuilder.CategoryBuilder c = b.category("nulls").setup(Tables.staff(d).toArray(String[]::new));
    c.each("binary-op", "SELECT $1 $2 $3", vals("NULL", "1", "0"), vals("=", "<>", "<", ">=", "+", "*"),
        vals("NULL", "1", "0"));
    c.each("logic", "SELECT $1 $2 $3", vals("NULL", "TRUE", "FALSE"), vals("AND", "OR"),
        vals("NULL", "TRUE", "FALSE"));
    c.each("not", "SELECT NOT $1", vals("NULL", "TRUE", "FALSE"));
    c.each("is-null", "SELECT $1 IS NULL, $1 IS NOT NULL", vals("NULL", "0", "''", "'a'"));
    c.each("coalesce", "SELECT COALESCE($1, $2)", vals("NULL", "1", "'x'"), vals("NULL", "2", "'y'"));
    c.each("nullif", "SELECT NULLIF($1, $2)", vals("1", "2", "NULL"), vals("1", "2", "NULL"));
    c.each("case", "SELECT CASE WHEN $1 THEN 'y' ELSE 'n' END", vals("NULL", "1 = 1", "NULL = NULL",
        "NULL IS NULL", "NOT (NULL = 1)"));
    c.each("in", "SELECT $1 $3 ($2)", vals("1", "NULL", "3"), vals("1, 2", "1, NULL", "NULL", "2, NULL"),
        vals("IN", "NOT IN"));
    c.each("order", "SELECT id, $1 FROM emp ORDER BY $1 $2, id", vals("salary", "dept_id", "hired"),
        vals("ASC", "DESC"));
    c.each("count", "SELECT $1 FROM emp", vals("COUNT(*), COUNT(salary), COUNT(DISTINCT dept_id)",
        "SUM(salary), AVG(dept_id)", "MAX(manager_id), MIN(hired)"));
    c.each("where", "SELECT id FROM emp WHERE manager_id $1 ORDER BY id", vals("= NULL", "IS NULL", "<> 1",
        "IS NOT NULL", "<> NULL", "IN (1, NULL)", "NOT IN (1, NULL)"));
    c.each("concat", "SELECT $1", vals(d.concat("'a'", "NULL"), d.concat("NULL", "NULL"), d.concat("'a'", "'b'")));
    c.each("distinct-group", "SELECT $1 FROM emp $2", vals("DISTINCT dept_id", "dept_id, COUNT(*)"),
        vals("GROUP BY dept_id ORDER BY dept_id", "WHERE dept_id IS NULL GROUP BY dept_id"));
    return c;
  }

  static CorpusBuilder.CategoryBuilder strings(CorpusBuilder b, List<String> engineFunctions) {
    CorpusBuilder.CategoryBuilder c = b.category("string");
    List<String> functions = new ArrayList<>(List.of("UPPER($1)", "LOWER($1)", "LENGTH($1)", "CHAR_LENGTH($1)",
        "TRIM($1)", "LTRIM($1)", "RTRIM($1)", "REVERSE($1)", "SUBSTRING($1, 2)", "SUBSTRING($1, 2, 3)",
        "REPLACE($1, 'l', 'L')", "LPAD($1, 8, '*')", "RPAD($1, 8, '*')", "LEFT($1, 2)", "RIGHT($1, 2)",
        "CONCAT($1, '!')", "CONCAT_WS('-', $1, 'x')", "POSITION('l' IN $1)", "ASCII($1)", "MD5($1)",
        "REPEAT($1, 2)", "$1 LIKE 'a%'", "$1 LIKE '%o%'", "$1 LIKE '_b_'", "TRIM(BOTH ' ' FROM $1)",
        "UPPER(SUBSTRING($1, 1, 1))", "$1 = 'abc'", "$1 < 'b'"));
    functions.addAll(engineFunctions);
    c.each("function", "SELECT $2", STRINGS, functions);
    return c;
  }

  static CorpusBuilder.CategoryBuilder numbers(CorpusBuilder b, List<String> engineFunctions) {
    CorpusBuilder.CategoryBuilder c = b.category("numeric");
    List<String> functions = new ArrayList<>(List.of("ABS($1)", "CEIL($1)", "FLOOR($1)", "ROUND($1)",
        "ROUND($1, 1)", "SIGN($1)", "SQRT(ABS($1))", "$1 + 1", "$1 * 2", "$1 - 0.5", "-$1", "$1 / 4", "$1 * $1",
        "GREATEST($1, 1)", "LEAST($1, 1)", "$1 > 1", "CASE WHEN $1 > 0 THEN 'pos' ELSE 'other' END"));
    functions.addAll(engineFunctions);
    c.each("function", "SELECT $2", NUMBERS, functions);
    c.each("division", "SELECT $1 / $2", vals("1", "7", "1.5", "-7"), vals("0", "2", "3", "0.5"));
    c.each("integer-types", "SELECT $1 $2 $3", vals("2147483647", "9223372036854775807", "-2147483648"),
        vals("+", "*"), vals("1", "2"));
    return c;
  }

  static CorpusBuilder.CategoryBuilder errors(CorpusBuilder b, Dialect d) {
    CorpusBuilder.CategoryBuilder c = b.category("errors").setup(Tables.staff(d).toArray(String[]::new))
        .setup("CREATE TABLE c (id INT PRIMARY KEY, u INT UNIQUE, n INT NOT NULL, p INT, CHECK (n >= 0))",
            "CREATE TABLE child (id INT PRIMARY KEY, cid INT, FOREIGN KEY (cid) REFERENCES c (id))",
            "CREATE TABLE shortv (id INT PRIMARY KEY, s VARCHAR(3))",
            "INSERT INTO c VALUES (1, 10, 1, NULL), (2, 20, 2, NULL), (3, 30, 3, NULL)",
            "INSERT INTO child VALUES (1, 1)")
        .cleanup("DELETE FROM child", "DELETE FROM c", "DELETE FROM shortv",
            "INSERT INTO c VALUES (1, 10, 1, NULL), (2, 20, 2, NULL), (3, 30, 3, NULL)",
            "INSERT INTO child VALUES (1, 1)");
    c.each("syntax", "$1", vals("SELEC 1", "SELECT FROM emp", "SELECT * FORM emp", "SELECT (1", "SELECT 1)",
        "INSERT emp VALUES", "UPDATE SET x = 1", "DELETE emp", "CREATE TABLE", "SELECT * FROM", "SELECT 1 +",
        "SELECT 'unterminated", "DROP", "ALTER TABLE emp", "SELECT * FROM emp WHERE", "SELECT * FROM emp ORDER",
        "SELECT ,", "WITH x AS SELECT 1", "SELECT * FROM emp GROUP", "SELECT 1 FROM emp e JOIN", "INSERT INTO emp (",
        "UPDATE emp SET", "SELECT * FROM emp LIMIT", "SELECT 1 UNION", "SELECT CASE WHEN 1 THEN 2",
        "SELECT * FROM (SELECT 1)", "CREATE TABLE x (", "SELECT 1 AS", "SELECT id FROM emp WHERE id IN ()",
        "SELECT id FROM emp HAVING"));
    c.each("unknown-table", "$1", vals("SELECT * FROM $2", "INSERT INTO $2 VALUES (1)", "UPDATE $2 SET a = 1",
        "DELETE FROM $2", "DROP TABLE $2", "SELECT COUNT(*) FROM $2", "TRUNCATE TABLE $2",
        "ALTER TABLE $2 ADD COLUMN z INT", "CREATE INDEX ix_z ON $2 (a)"), vals("nope", "emp_x", "missing_table"));
    c.each("unknown-column", "$1", vals("SELECT $2 FROM emp", "SELECT id FROM emp WHERE $2 = 1",
        "UPDATE emp SET $2 = 1 WHERE id = 0", "INSERT INTO emp ($2) VALUES (1)", "SELECT id FROM emp ORDER BY $2",
        "SELECT id FROM emp GROUP BY $2"), vals("nope", "emp.nope", "x.name"));
    c.each("ambiguous", "$1", vals("SELECT id FROM emp JOIN dept ON emp.dept_id = dept.id",
        "SELECT name FROM emp, dept", "SELECT id FROM emp e JOIN proj p ON e.id = p.lead_id WHERE id = 1"));
    c.scenario("insert-constraint", List.of("INSERT INTO c VALUES ($1, $2, $3, NULL)", "SELECT * FROM c ORDER BY id"),
        vals("1", "100"), vals("10", "200", "NULL"), vals("NULL", "-1", "5"));
    c.scenario("foreign-key", List.of("INSERT INTO child VALUES ($1, $2)", "SELECT * FROM child ORDER BY id"),
        vals("1", "100"), vals("1", "999", "NULL"));
    c.scenario("update-constraint", List.of("UPDATE c SET $1 WHERE id = 1", "SELECT * FROM c ORDER BY id"),
        vals("id = 2", "u = 20", "n = NULL", "n = -5", "n = 7", "id = 9"));
    c.scenario("delete-referenced", List.of("DELETE FROM c WHERE id = $1", "SELECT * FROM c ORDER BY id"),
        vals("1", "3"));
    c.scenario("bad-value", List.of("INSERT INTO c VALUES (50, 0, $1, NULL)", "SELECT * FROM c ORDER BY id"),
        vals("'abc'", "'1.5'", "99999999999", "'7'", "1.5"));
    c.scenario("too-long", List.of("INSERT INTO shortv VALUES (1, $1)", "SELECT * FROM shortv"),
        vals("'abcd'", "'abc'", "'ab '", "'abc   '", "12345"));
    c.each("function", "SELECT $1", vals("nofunc(1)", "ABS()", "ABS(1, 2)", "SUBSTRING()", "COUNT(*, 1)",
        "UPPER(1, 2)"));
    c.each("ddl", "$1", vals("CREATE TABLE emp (id INT)", "CREATE TABLE t1 (a INT, a INT)",
        "CREATE TABLE t2 (a INT PRIMARY KEY, b INT PRIMARY KEY)", "DROP TABLE nope", "DROP VIEW nope",
        "CREATE INDEX ix ON emp (nope)", "ALTER TABLE emp DROP COLUMN nope"));
    c.each("divide-by-zero", "SELECT $1", vals("1 / 0", "1.5 / 0", "MOD(5, 0)", "5 % 0", "0 / 0"));
    // Not "SELECT id, COUNT(*) FROM emp": MariaDB's default sql_mode answers it with an arbitrary id.
    c.each("aggregate-misuse", "$1", vals("SELECT SUM(COUNT(*)) FROM emp", "SELECT * FROM emp WHERE COUNT(*) > 1",
        "SELECT MAX(*) FROM emp", "SELECT AVG(salary, id) FROM emp"));
    return c;
  }
}

package dev.borealis.compat.corpus;

import static dev.borealis.compat.corpus.CorpusBuilder.vals;

import java.util.List;

/**
 * The MySQL corpus: the shared templates in MySQL's spelling plus MySQL's own statements and functions (upserts,
 * multi-table UPDATE, JSON functions and operators, DATE_ADD/DATE_FORMAT, CAST targets, case-insensitive
 * collation, backtick identifiers). Run against MariaDB 10.11, the MySQL-family server Debian ships.
 */
public final class MysqlCorpus {

  private static final Dialect D = Dialect.MYSQL;
  private static final String SHOW_ITEMS = "SELECT id, name, qty, price FROM items ORDER BY id";

  private MysqlCorpus() {
  }

  public static List<Category> build() {
    CorpusBuilder b = new CorpusBuilder();
    ChangeTemplates.ddl(b, D, List.of("TINYINT", "MEDIUMINT", "FLOAT", "DATETIME(3)", "TIME", "YEAR",
        "ENUM('a', 'b')", "JSON", "LONGTEXT", "BIT(1)", "INT UNSIGNED", "VARBINARY(8)"), List.of(
        "ALTER TABLE t_ddl MODIFY a BIGINT", "ALTER TABLE t_ddl CHANGE a b INT", "ALTER TABLE t_ddl ADD INDEX (a)",
        "ALTER TABLE t_ddl ADD COLUMN b INT AFTER id", "ALTER TABLE t_ddl ADD COLUMN b INT FIRST",
        "RENAME TABLE t_ddl TO t_ddl2", "ALTER TABLE t_ddl ENGINE = InnoDB", "DROP INDEX nope ON t_ddl",
        "ALTER TABLE t_ddl COMMENT = 'x'"));
    dml(ChangeTemplates.dml(b));
    QueryTemplates.joins(b, D);
    QueryTemplates.subqueries(b, D);
    QueryTemplates.cte(b, D);
    QueryTemplates.window(b, D);
    aggregate(b);
    json(b);
    datetime(b);
    ExpressionTemplates.strings(b, List.of("INSTR($1, 'l')", "LOCATE('l', $1)", "SUBSTRING_INDEX($1, 'l', 1)",
        "HEX($1)", "FIELD($1, 'abc', 'MiXeD')", "STRCMP($1, 'abc')", "$1 REGEXP '^[a-z]+$'", "QUOTE($1)",
        "CONCAT($1, NULL)", "LCASE($1)", "MID($1, 2, 2)", "SPACE(2)"));
    ExpressionTemplates.numbers(b, List.of("TRUNCATE($1, 1)", "$1 DIV 2", "MOD($1, 3)", "POW($1, 2)",
        "CAST($1 AS SIGNED)", "FORMAT($1, 2)", "CONV(ABS(FLOOR($1)), 10, 2)", "$1 % 3"));
    casts(b);
    ExpressionTemplates.nulls(b, D).each("null-safe", "SELECT $1 <=> $2, IFNULL($1, $2), ISNULL($1)",
        vals("NULL", "1", "0"), vals("NULL", "1", "0"));
    collation(b);
    ChangeTemplates.transactions(b, D);
    ExpressionTemplates.errors(b, D).each("mysql", "$1", vals("SELECT `id FROM emp",
        "INSERT INTO emp SET nope = 1", "SELECT * FROM emp LIMIT -1", "SHOW TABLEZ", "USE nope_db",
        "SELECT * FROM nope_db.emp", "LOCK TABLE nope READ"));
    MetadataTemplates.metadata(b, true);
    return b.build();
  }

  private static void dml(CorpusBuilder.CategoryBuilder c) {
    c.scenario("upsert", List.of("INSERT INTO items (id, name, qty) VALUES ($1, 'up', 1) $2", SHOW_ITEMS),
        vals("1", "77"), vals("ON DUPLICATE KEY UPDATE qty = qty + 1", "ON DUPLICATE KEY UPDATE name = VALUES(name)",
        "ON DUPLICATE KEY UPDATE qty = NULL, price = 0"));
    c.scenario("replace", List.of("REPLACE INTO items (id, name) VALUES ($1, 'rep')", SHOW_ITEMS),
        vals("1", "78"));
    c.scenario("insert-ignore", List.of("INSERT IGNORE INTO items (id, name) VALUES ($1, 'ign')", SHOW_ITEMS),
        vals("1", "79"));
    c.scenario("update-order-limit", List.of("UPDATE items SET qty = 0 ORDER BY $1 LIMIT $2", SHOW_ITEMS),
        vals("id", "id DESC", "price, id"), vals("1", "3"));
    c.scenario("delete-order-limit", List.of("DELETE FROM items ORDER BY $1 LIMIT $2", SHOW_ITEMS),
        vals("id", "id DESC", "qty, id"), vals("1", "4"));
    c.scenario("update-join", List.of("UPDATE items i JOIN items j ON j.id = i.id + 1 SET i.qty = j.qty WHERE"
        + " i.id $1", SHOW_ITEMS), vals("< 3", "= 9", "> 100"));
    c.scenario("insert-set", List.of("INSERT INTO items SET id = $1, name = 'set'", SHOW_ITEMS), vals("80", "1"));
    c.scenario("delete-multi", List.of("DELETE i FROM items i WHERE i.qty $1", SHOW_ITEMS),
        vals("> 5", "IS NULL"));
  }

  private static void aggregate(CorpusBuilder b) {
    QueryTemplates.aggregate(b, D);
    b.category("aggregate").each("group-concat", "SELECT dept_id, GROUP_CONCAT($1) FROM emp GROUP BY dept_id"
        + " ORDER BY dept_id", vals("name ORDER BY id", "DISTINCT dept_id ORDER BY dept_id", "name ORDER BY name SEPARATOR '|'",
        "salary ORDER BY id"));
    b.category("aggregate").each("rollup", "SELECT dept_id, COUNT(*) FROM emp GROUP BY dept_id WITH ROLLUP", vals(""));
    b.category("aggregate").each("bit-std", "SELECT $1 FROM emp", vals("BIT_OR(id)", "BIT_AND(id)", "STD(salary)",
        "VARIANCE(salary)", "STDDEV_POP(salary)"));
  }

  private static void json(CorpusBuilder b) {
    CorpusBuilder.CategoryBuilder c = b.category("json").setup(
        "CREATE TABLE docs (id INT PRIMARY KEY, j JSON)",
        "INSERT INTO docs VALUES (1, '{\"a\": 1, \"b\": {\"c\": [1, 2, 3]}, \"s\": \"x\"}'),"
            + " (2, '{\"a\": 2, \"s\": \"y\", \"n\": null}'), (3, '[1, \"two\", {\"three\": 3}]'),"
            + " (4, '{\"a\": 3.5, \"b\": {\"c\": []}}'), (5, '\"scalar\"')");
    List<String> paths = vals("$.a", "$.b", "$.b.c", "$.b.c[0]", "$.s", "$.n", "$[1]", "$.missing", "$[2].three");
    c.each("path", "SELECT id, $2 FROM docs ORDER BY id", paths, vals("JSON_EXTRACT(j, '$1')", "j->'$1'",
        "j->>'$1'", "JSON_UNQUOTE(JSON_EXTRACT(j, '$1'))", "JSON_TYPE(JSON_EXTRACT(j, '$1'))",
        "JSON_CONTAINS_PATH(j, 'one', '$1')", "JSON_LENGTH(j, '$1')"));
    c.each("document", "SELECT id, $1 FROM docs ORDER BY id", vals("j", "JSON_LENGTH(j)", "JSON_KEYS(j)",
        "JSON_TYPE(j)", "JSON_VALID(j)", "JSON_DEPTH(j)"));
    c.each("literal-path", "SELECT $3", vals("'{\"a\": {\"b\": 1}}'", "'[10, 20]'", "'{\"x\": \"y\"}'", "'null'"),
        vals("$.a", "$.a.b", "$[0]", "$.x"), vals("JSON_EXTRACT($1, '$2')", "JSON_UNQUOTE(JSON_EXTRACT($1, '$2'))",
        "JSON_TYPE(JSON_EXTRACT($1, '$2'))"));
    c.each("function", "SELECT $1", vals("JSON_OBJECT('a', 1)", "JSON_ARRAY(1, 'a', NULL)",
        "JSON_OBJECT('k', JSON_ARRAY(1, 2))", "JSON_QUOTE('x')", "JSON_VALID('{')", "JSON_VALID('[]')",
        "JSON_MERGE_PATCH('{\"a\":1}', '{\"b\":2}')", "JSON_SET('{\"a\":1}', '$.a', 2)",
        "JSON_INSERT('{\"a\":1}', '$.b', 2)", "JSON_REMOVE('{\"a\":1,\"b\":2}', '$.a')",
        "JSON_ARRAY_APPEND('[1]', '$', 2)", "JSON_CONTAINS('[1,2]', '1')", "JSON_SEARCH('[\"a\",\"b\"]', 'one', 'b')",
        "JSON_LENGTH('[1,2,3]')", "JSON_DEPTH('[[1]]')", "JSON_KEYS('{\"x\":1,\"y\":2}')", "JSON_TYPE('1.5')",
        "JSON_TYPE('\"s\"')", "JSON_TYPE('null')", "JSON_REPLACE('{\"a\":1}', '$.a', 'z')"));
    c.each("where", "SELECT id FROM docs WHERE $1 ORDER BY id", vals("JSON_EXTRACT(j, '$.a') = 1",
        "JSON_EXTRACT(j, '$.a') > 1", "JSON_EXTRACT(j, '$.a') IS NULL", "j->>'$.s' = 'x'",
        "JSON_CONTAINS_PATH(j, 'one', '$.b')", "JSON_TYPE(j) = 'ARRAY'"));
  }

  private static void datetime(CorpusBuilder b) {
    CorpusBuilder.CategoryBuilder c = b.category("datetime").setup(
        "CREATE TABLE events (id INT PRIMARY KEY, d DATE, ts DATETIME)",
        "INSERT INTO events VALUES (1, '2024-02-29', '2024-02-29 13:45:30'), (2, '1999-12-31', '1999-12-31 23:59:59'),"
            + " (3, NULL, NULL), (4, '2000-01-01', '2000-01-01 00:00:00')");
    List<String> moments = vals("'2024-02-29'", "'1999-12-31'", "'2000-01-01'", "'2024-02-29 13:45:30'",
        "'1999-12-31 23:59:59'", "'2023-06-15 08:05:09'", "NULL");
    c.each("part", "SELECT $1($2)", vals("YEAR", "MONTH", "DAY", "DAYOFWEEK", "DAYOFYEAR", "WEEKDAY", "QUARTER",
        "LAST_DAY", "DATE", "HOUR", "MINUTE", "SECOND", "MONTHNAME", "DAYNAME", "TO_DAYS", "WEEK"), moments);
    c.each("date-add", "SELECT DATE_ADD($1, INTERVAL $2)", vals("'2024-02-29'", "'2024-01-31 10:00:00'",
        "'1999-12-31 23:59:59'"), vals("1 DAY", "-1 MONTH", "1 YEAR", "2 HOUR", "30 MINUTE", "1 WEEK"));
    c.each("datediff", "SELECT DATEDIFF($1, $2)", vals("'2024-03-01'", "'2024-02-29 23:00:00'", "'2000-01-01'"),
        vals("'2024-02-28'", "'1999-12-31'", "'2024-03-01'"));
    c.each("date-format", "SELECT DATE_FORMAT($1, $2)", vals("'2024-02-29 13:45:30'", "'1999-12-31 23:59:59'",
        "'2000-01-01'"), vals("'%Y-%m-%d'", "'%d/%m/%Y %H:%i'", "'%W %M %e'", "'%j'", "'%y%m%d%H%i%s'"));
    c.each("timestampdiff", "SELECT TIMESTAMPDIFF($1, '2000-01-01 00:00:00', $2)",
        vals("DAY", "MONTH", "YEAR", "HOUR", "MINUTE", "SECOND"),
        vals("'2024-02-29 13:45:30'", "'1999-12-31 23:59:59'", "'2000-03-01'"));
    c.each("extract", "SELECT EXTRACT($1 FROM $2)", vals("YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"),
        vals("'2024-02-29 13:45:30'", "'1999-12-31 23:59:59'", "'2000-01-01'"));
    c.each("str-to-date", "SELECT STR_TO_DATE($1, $2)", vals("'29/02/2024'", "'2024-02-29 13:45'"),
        vals("'%d/%m/%Y'", "'%Y-%m-%d %H:%i'"));
    c.each("column", "SELECT id, $1 FROM events ORDER BY id", vals("d", "ts", "YEAR(d)", "ts + INTERVAL 1 DAY",
        "d < '2020-01-01'", "DATE(ts)", "TIME(ts)", "DATE_FORMAT(ts, '%H:%i')", "d = ts", "TIMESTAMP(d)"));
    c.each("literal", "SELECT $1", vals("DATE '2024-02-29'", "TIMESTAMP '2024-02-29 13:45:30'", "TIME '13:45:30'",
        "MAKEDATE(2024, 60)", "MAKETIME(13, 45, 30)", "FROM_DAYS(739000)", "SEC_TO_TIME(3661)", "TIME_TO_SEC('01:01:01')",
        "ADDDATE('2024-02-29', 1)", "SUBDATE('2024-03-01', 1)", "ADDTIME('2024-02-29 23:00:00', '01:30:00')",
        "DATE '2024-02-29' + INTERVAL 1 MONTH", "'2024-02-30' + INTERVAL 0 DAY", "CAST('2024-02-29' AS DATETIME)"));
  }

  private static void casts(CorpusBuilder b) {
    CorpusBuilder.CategoryBuilder c = b.category("casts");
    c.each("cast", "SELECT CAST($1 AS $2)", vals("'123'", "'12.5'", "'abc'", "'2024-01-31'", "'2024-01-31 10:11:12'",
        "1", "0", "-7", "12.5", "NULL", "' 42 '", "'1e3'"), vals("SIGNED", "UNSIGNED", "CHAR", "CHAR(3)",
        "DECIMAL(10,2)", "DECIMAL(5,1)", "DATE", "DATETIME", "TIME", "DOUBLE", "BINARY"));
    c.each("implicit-arith", "SELECT $1 + $2", vals("'5'", "5", "'2.5'", "'x'"), vals("3", "'3'", "1.5"));
    c.each("implicit-compare", "SELECT $1 = $2", vals("1", "'1'", "'a'", "'A'"), vals("'1'", "1", "'a'", "'1.0'"));
    c.each("convert", "SELECT CONVERT($1, $2)", vals("'42'", "4.7", "'2024-01-31'"), vals("SIGNED", "CHAR",
        "DATE"));
    c.each("concat-number", "SELECT CONCAT($1, $2)", vals("1", "1.50", "NULL"), vals("'a'", "2"));
  }

  private static void collation(CorpusBuilder b) {
    CorpusBuilder.CategoryBuilder c = b.category("collation").setup(Tables.staff(D).toArray(String[]::new))
        .setup("CREATE TABLE words (id INT PRIMARY KEY, w VARCHAR(20))",
            "INSERT INTO words VALUES (1, 'a'), (2, 'A'), (3, 'b'), (4, 'B '), (5, 'á'), (6, 'ß'), (7, 'ss')");
    c.each("compare", "SELECT $1 $3 $2", vals("'abc'", "'a'", "'ä'", "'É'", "'ß'"),
        vals("'ABC'", "'a '", "'a'", "'e'", "'ss'"), vals("=", "<"));
    c.each("where", "SELECT name FROM emp WHERE name $1 $2 ORDER BY id", vals("=", "LIKE", "<>", ">"),
        vals("'alice'", "'ALICE'", "'b%'", "'BOB'", "'Heidi'"));
    c.each("order", "SELECT name FROM emp ORDER BY name $1", vals("ASC", "DESC"));
    c.each("words", "SELECT $1 FROM words $2", vals("COUNT(DISTINCT w)", "COUNT(DISTINCT BINARY w)", "COUNT(*)"),
        vals("", "WHERE w = 'a'", "WHERE w = 'b'", "WHERE w LIKE 'a%'"));
    c.each("binary", "SELECT $1", vals("BINARY 'a' = 'A'", "'a' = 'A' COLLATE utf8mb4_bin", "STRCMP('a', 'A')",
        "'a' = BINARY 'a'", "UPPER('ß')", "LOWER('É')", "'abc' LIKE 'ABC'", "'abc' LIKE BINARY 'ABC'"));
    c.each("identifier", "SELECT $1 FROM $2 WHERE id = 1", vals("id", "ID", "`id`", "`ID`", "Id", "name AS `Nom`",
        "emp.id"), vals("emp", "EMP", "`emp`", "Emp"));
    c.each("label", "SELECT $1", vals("1", "1 + 1", "'x'", "NULL", "COUNT(*)", "UPPER('a')", "1 AS `select`",
        "1 AS Foo", "'a' AS `a b`", "CONCAT('a', 'b')", "CAST(1 AS CHAR)", "TRUE", "1.50", "-0"));
    c.each("database", "SELECT $1", vals("DATABASE()", "SCHEMA()", "@@lower_case_table_names",
        "@@character_set_server", "@@collation_server"));
  }
}

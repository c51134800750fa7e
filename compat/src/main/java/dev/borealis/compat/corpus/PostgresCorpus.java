package dev.borealis.compat.corpus;

import static dev.borealis.compat.corpus.CorpusBuilder.vals;

import java.util.List;

/**
 * The PostgreSQL corpus: the shared templates in PostgreSQL's spelling plus its own statements and functions
 * (ON CONFLICT, RETURNING, UPDATE … FROM, jsonb operators, intervals, date_trunc/to_char, {@code ::} casts,
 * identifier case folding and quoting).
 */
public final class PostgresCorpus {

  private static final Dialect D = Dialect.POSTGRESQL;
  private static final String SHOW_ITEMS = "SELECT id, name, qty, price FROM items ORDER BY id";

  private PostgresCorpus() {
  }

  public static List<Category> build() {
    CorpusBuilder b = new CorpusBuilder();
    ChangeTemplates.ddl(b, D, List.of("TIMESTAMPTZ", "TIME", "UUID", "JSONB", "JSON", "INTERVAL", "INT[]",
        "TEXT[]", "SERIAL", "BIGSERIAL", "VARCHAR", "NUMERIC"), List.of(
        "ALTER TABLE t_ddl ALTER COLUMN a TYPE BIGINT", "ALTER TABLE t_ddl ALTER COLUMN a SET NOT NULL",
        "ALTER TABLE t_ddl ALTER COLUMN a DROP NOT NULL", "COMMENT ON TABLE t_ddl IS 'x'",
        "ALTER TABLE t_ddl RENAME TO t_ddl2", "DROP INDEX IF EXISTS nope", "CREATE INDEX ON t_ddl (a)",
        "ALTER TABLE t_ddl ADD COLUMN IF NOT EXISTS a INT", "CREATE INDEX ix_expr ON t_ddl ((a + 1))"));
    dml(ChangeTemplates.dml(b));
    QueryTemplates.joins(b, D);
    b.category("joins").each("full-outer", "SELECT e.id, d.id FROM emp e FULL OUTER JOIN dept d ON e.dept_id = d.id"
        + " ORDER BY $1", vals("e.id, d.id", "d.id, e.id"));
    QueryTemplates.subqueries(b, D);
    QueryTemplates.cte(b, D);
    b.category("cte").each("data-modifying", "WITH t AS (SELECT id FROM emp WHERE dept_id = $1) SELECT"
        + " string_agg(id::text, ',' ORDER BY id) FROM t", vals("1", "2", "3"));
    QueryTemplates.window(b, D);
    aggregate(b);
    json(b);
    datetime(b);
    ExpressionTemplates.strings(b, List.of("SPLIT_PART($1, 'l', 1)", "INITCAP($1)", "STRPOS($1, 'l')",
        "TRANSLATE($1, 'lo', 'LO')", "BTRIM($1)", "$1 || '!'", "$1 ILIKE 'A%'", "$1 ~ '^[a-z]+$'",
        "OCTET_LENGTH($1)", "QUOTE_LITERAL($1)", "$1 SIMILAR TO '%l%'", "CONCAT($1, NULL)"));
    ExpressionTemplates.numbers(b, List.of("TRUNC($1, 1)", "TRUNC($1)", "MOD(CAST($1 AS INT), 3)",
        "POWER($1, 2)", "CAST($1 AS INT)", "$1::numeric(10,2)", "CBRT($1)", "WIDTH_BUCKET($1, 0, 10, 5)"));
    casts(b);
    ExpressionTemplates.nulls(b, D).each("distinct-from", "SELECT $1 IS DISTINCT FROM $2, $1 IS NOT DISTINCT FROM $2",
        vals("NULL", "1", "0"), vals("NULL", "1", "0"));
    b.category("nulls").each("nulls-first-last", "SELECT id, salary FROM emp ORDER BY salary $1 NULLS $2, id",
        vals("ASC", "DESC"), vals("FIRST", "LAST"));
    identifiers(b);
    ChangeTemplates.transactions(b, D);
    ExpressionTemplates.errors(b, D).each("postgresql", "$1", vals("SELECT `id` FROM emp",
        "SELECT 'a' + 1", "SELECT 1::nope", "SELECT * FROM nope_schema.emp", "SET nope_setting = 1",
        "SELECT 'abc'::int", "SELECT '2024-02-30'::date"));
    MetadataTemplates.metadata(b, false);
    return b.build();
  }

  private static void dml(CorpusBuilder.CategoryBuilder c) {
    c.scenario("on-conflict", List.of("INSERT INTO items (id, name, qty) VALUES ($1, 'up', 1) $2", SHOW_ITEMS),
        vals("1", "77"), vals("ON CONFLICT DO NOTHING", "ON CONFLICT (id) DO NOTHING",
        "ON CONFLICT (id) DO UPDATE SET qty = items.qty + 1", "ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name"));
    c.each("returning", "$1 RETURNING $2", vals("INSERT INTO items (id, name) VALUES (90, 'ret')",
        "UPDATE items SET qty = 0 WHERE id = 2", "DELETE FROM items WHERE id = 3"),
        vals("id", "*", "id, name AS n", "items.id"));
    c.scenario("update-from", List.of("UPDATE items i SET qty = j.qty FROM items j WHERE j.id = i.id + 1 AND i.id $1",
        SHOW_ITEMS), vals("< 3", "= 9", "> 100"));
    c.scenario("delete-using", List.of("DELETE FROM items i USING items j WHERE j.id = i.id + 1 AND j.qty $1",
        SHOW_ITEMS), vals("> 5", "IS NULL"));
    c.scenario("insert-default", List.of("INSERT INTO items VALUES ($1, DEFAULT, DEFAULT, DEFAULT)", SHOW_ITEMS),
        vals("81", "1"));
  }

  private static void aggregate(CorpusBuilder b) {
    QueryTemplates.aggregate(b, D);
    CorpusBuilder.CategoryBuilder c = b.category("aggregate");
    c.each("string-agg", "SELECT dept_id, $1 FROM emp GROUP BY dept_id ORDER BY dept_id", vals(
        "string_agg(name, ',' ORDER BY id)", "array_agg(id ORDER BY id)", "bool_and(salary > 4000)",
        "bool_or(salary > 6000)", "COUNT(*) FILTER (WHERE salary > 4000)"));
    c.each("statistics", "SELECT $1 FROM emp", vals("stddev_pop(salary)", "var_samp(salary)", "bit_or(id)",
        "percentile_cont(0.5) WITHIN GROUP (ORDER BY salary)", "mode() WITHIN GROUP (ORDER BY dept_id)"));
    c.each("grouping-sets", "SELECT dept_id, COUNT(*) FROM emp GROUP BY $1 ORDER BY dept_id NULLS FIRST",
        vals("ROLLUP (dept_id)", "CUBE (dept_id)", "GROUPING SETS ((dept_id), ())"));
  }

  private static void json(CorpusBuilder b) {
    CorpusBuilder.CategoryBuilder c = b.category("json").setup(
        "CREATE TABLE docs (id INT PRIMARY KEY, j JSONB)",
        "INSERT INTO docs VALUES (1, '{\"a\": 1, \"b\": {\"c\": [1, 2, 3]}, \"s\": \"x\"}'),"
            + " (2, '{\"a\": 2, \"s\": \"y\", \"n\": null}'), (3, '[1, \"two\", {\"three\": 3}]'),"
            + " (4, '{\"a\": 3.5, \"b\": {\"c\": []}}'), (5, '\"scalar\"')");
    c.each("key", "SELECT id, $2 FROM docs ORDER BY id", vals("a", "b", "s", "n", "missing", "three"),
        vals("j->'$1'", "j->>'$1'", "jsonb_typeof(j->'$1')", "j ? '$1'", "j->'$1' IS NULL",
            "jsonb_extract_path_text(j, '$1')", "(j->'$1')::text"));
    c.each("document", "SELECT id, $1 FROM docs ORDER BY id", vals("j", "jsonb_typeof(j)", "j::text",
        "j @> '{\"a\": 1}'", "j ? 'a'", "j#>'{b,c}'", "j#>>'{b,c,0}'", "j->0", "j->1->>0", "j->'b'->'c'",
        "j <@ '{\"a\": 1, \"s\": \"x\", \"b\": {\"c\": [1, 2, 3]}}'"));
    c.each("literal-key", "SELECT $3", vals("'{\"a\": {\"b\": 1}}'", "'[10, 20]'", "'{\"x\": \"y\"}'", "'null'"),
        vals("a", "b", "x"), vals("$1::jsonb -> '$2'", "$1::jsonb ->> '$2'", "jsonb_typeof($1::jsonb -> '$2')"));
    c.each("function", "SELECT $1", vals("json_build_object('a', 1)", "jsonb_build_object('a', 1, 'b', 'x')",
        "json_build_array(1, 'a', NULL)", "jsonb_build_array()", "to_jsonb(1)", "to_jsonb('x'::text)",
        "'{\"a\":1}'::jsonb || '{\"b\":2}'::jsonb", "'{\"a\":1,\"b\":2}'::jsonb - 'a'",
        "jsonb_set('{\"a\":1}', '{a}', '2')", "'[1,2]'::jsonb @> '1'", "jsonb_array_length('[1,2,3]')",
        "json_array_length('[]')", "'{\"a\":{\"b\":1}}'::jsonb #> '{a,b}'", "jsonb_typeof('1.5')",
        "jsonb_typeof('null')", "'{\"x\":1}'::json ->> 'x'", "'[1,2,3]'::jsonb -> 1", "'\"s\"'::jsonb",
        "'null'::jsonb IS NULL", "jsonb_pretty('{\"a\":1}')"));
    c.each("where", "SELECT id FROM docs WHERE $1 ORDER BY id", vals("j->>'a' = '1'", "(j->>'a')::numeric > 1",
        "j->'a' IS NULL", "j->>'s' = 'x'", "j ? 'b'", "jsonb_typeof(j) = 'array'", "j @> '{\"s\": \"y\"}'"));
  }

  private static void datetime(CorpusBuilder b) {
    CorpusBuilder.CategoryBuilder c = b.category("datetime").setup(
        "CREATE TABLE events (id INT PRIMARY KEY, d DATE, ts TIMESTAMP)",
        "INSERT INTO events VALUES (1, '2024-02-29', '2024-02-29 13:45:30'), (2, '1999-12-31', '1999-12-31 23:59:59'),"
            + " (3, NULL, NULL), (4, '2000-01-01', '2000-01-01 00:00:00')");
    List<String> stamps = vals("'2024-02-29 13:45:30'", "'1999-12-31 23:59:59'", "'2000-01-01 00:00:00'",
        "'2023-06-15 08:05:09'");
    c.each("extract", "SELECT EXTRACT($1 FROM TIMESTAMP $2)", vals("YEAR", "MONTH", "DAY", "HOUR", "MINUTE",
        "SECOND", "DOW", "DOY", "QUARTER", "WEEK", "EPOCH"), stamps);
    c.each("date-trunc", "SELECT date_trunc('$1', TIMESTAMP $2)", vals("year", "month", "day", "hour", "week",
        "quarter"), stamps);
    c.each("to-char", "SELECT to_char(TIMESTAMP $2, '$1')", vals("YYYY-MM-DD", "DD/MM/YYYY HH24:MI", "Day Month",
        "DDD", "YYYYMMDDHH24MISS"), stamps);
    c.each("interval", "SELECT TIMESTAMP $1 + INTERVAL '$2'", stamps, vals("1 day", "-1 month", "1 year",
        "2 hours", "30 minutes", "1 week"));
    c.each("date-minus", "SELECT DATE $1 - DATE $2", vals("'2024-03-01'", "'2000-01-01'", "'2024-02-29'"),
        vals("'2024-02-28'", "'1999-12-31'", "'2024-03-01'"));
    c.each("date-plus", "SELECT DATE $1 + $2", vals("'2024-02-28'", "'1999-12-31'", "'2000-01-01'",
        "'2024-12-31'"), vals("1", "30", "-1"));
    c.each("date-part", "SELECT date_part('$1', DATE $2)", vals("year", "month", "day", "dow", "doy", "week"),
        vals("'2024-02-29'", "'1999-12-31'", "'2000-01-01'", "'2023-06-15'"));
    c.each("age", "SELECT age(TIMESTAMP $1, TIMESTAMP '2000-01-01 00:00:00')", stamps);
    c.each("column", "SELECT id, $1 FROM events ORDER BY id", vals("d", "ts", "EXTRACT(YEAR FROM d)",
        "ts + INTERVAL '1 day'", "d < '2020-01-01'", "ts::date", "ts::time", "to_char(ts, 'HH24:MI')", "d = ts",
        "d::timestamp"));
    c.each("literal", "SELECT $1", vals("DATE '2024-02-29'", "TIMESTAMP '2024-02-29 13:45:30'", "TIME '13:45:30'",
        "make_date(2024, 2, 29)", "make_time(13, 45, 30)", "make_date(2023, 2, 29)", "INTERVAL '1 day 2 hours'",
        "INTERVAL '90 minutes'", "'2024-02-29'::date + 1", "DATE '2024-02-29' + INTERVAL '1 month'",
        "'2024-02-30'::date", "'2024-02-29 13:45:30'::timestamp(0)", "justify_hours(INTERVAL '27 hours')",
        "to_date('29/02/2024', 'DD/MM/YYYY')"));
  }

  private static void casts(CorpusBuilder b) {
    CorpusBuilder.CategoryBuilder c = b.category("casts");
    c.each("cast", "SELECT CAST($1 AS $2)", vals("'123'", "'12.5'", "'abc'", "'2024-01-31'", "'2024-01-31 10:11:12'",
        "1", "0", "-7", "12.5", "NULL", "' 42 '", "'true'"), vals("INTEGER", "BIGINT", "SMALLINT", "TEXT",
        "VARCHAR(3)", "NUMERIC(10,2)", "NUMERIC", "DATE", "TIMESTAMP", "BOOLEAN", "DOUBLE PRECISION", "REAL"));
    c.each("double-colon", "SELECT $1::$2", vals("'42'", "'4.7'", "1", "'t'", "'2024-01-31'"),
        vals("int", "numeric", "text", "bool", "date", "float8"));
    c.each("implicit-arith", "SELECT $1 + $2", vals("'5'", "5", "2.5"), vals("3", "'3'", "1.5"));
    c.each("implicit-concat", "SELECT $1 || $2", vals("1", "'a'", "NULL"), vals("'b'", "2", "NULL"));
    c.each("implicit-compare", "SELECT $1 = $2", vals("1", "'1'", "1.0"), vals("'1'", "1", "1.0"));
  }

  private static void identifiers(CorpusBuilder b) {
    CorpusBuilder.CategoryBuilder c = b.category("identifiers").setup(Tables.staff(D).toArray(String[]::new))
        .cleanup("DROP TABLE IF EXISTS mixed", "DROP TABLE IF EXISTS \"Mixed\"", "DROP TABLE IF EXISTS \"MIXED\"",
            "DROP TABLE IF EXISTS t_id");
    c.each("select", "SELECT $1 FROM $2 WHERE id = 1", vals("id", "ID", "\"id\"", "\"ID\"", "Id",
        "name AS \"Nom\"", "name AS Nom", "emp.id"), vals("emp", "EMP", "\"emp\"", "\"EMP\"", "Emp"));
    c.scenario("table-name", List.of("CREATE TABLE $1 (x INT)", "INSERT INTO $2 VALUES (1)", "SELECT * FROM $2"),
        vals("Mixed", "\"Mixed\"", "mixed", "\"MIXED\""),
        vals("Mixed", "mixed", "\"Mixed\"", "\"mixed\"", "MIXED", "\"MIXED\""));
    c.scenario("column-name", List.of("CREATE TABLE t_id ($1 INT)", "SELECT $2 FROM t_id"),
        vals("Col", "\"Col\"", "col", "\"COL\""), vals("Col", "col", "\"Col\"", "\"col\"", "COL", "\"COL\"", "*"));
    c.each("label", "SELECT $1", vals("1", "1 + 1", "'x'", "NULL", "COUNT(*)", "UPPER('a')", "1 AS \"select\"",
        "1 AS Foo", "'a' AS \"a b\"", "'a' || 'b'", "CAST(1 AS TEXT)", "TRUE", "1.50", "1::int8",
        "coalesce(NULL, 1)", "current_schema()", "current_database()", "lower('A') AS \"Low\""));
    c.each("qualified", "SELECT COUNT(*) FROM $1", vals("compat_identifiers.emp", "\"compat_identifiers\".emp",
        "COMPAT_IDENTIFIERS.EMP", "\"COMPAT_IDENTIFIERS\".emp", "public.emp"));
    c.each("reserved", "SELECT 1 AS $1", vals("\"user\"", "\"order\"", "order", "\"from\"", "value", "\"Value\"",
        "name", "\"name\"", "\"select\"", "type"));
  }
}

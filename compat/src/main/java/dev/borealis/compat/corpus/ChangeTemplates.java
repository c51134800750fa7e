package dev.borealis.compat.corpus;

import static dev.borealis.compat.corpus.CorpusBuilder.vals;

import java.util.ArrayList;
import java.util.List;

/**
 * Templates for the categories that change data, shared by both engines: DML, DDL and transactions. Each case
 * shows the table after its change and the category's clean-up restores the table, so cases never see each
 * other's changes (and a change the embedded cluster gets wrong costs one case, not the rest of the category).
 */
final class ChangeTemplates {

  private static final String SHOW_ITEMS = "SELECT id, name, qty, price FROM items ORDER BY id";
  private static final String SHOW_ACCT = "SELECT id, balance FROM acct ORDER BY id";

  private ChangeTemplates() {
  }

  static CorpusBuilder.CategoryBuilder dml(CorpusBuilder b) {
    CorpusBuilder.CategoryBuilder c = b.category("dml").setup(Tables.items().toArray(String[]::new))
        .cleanup("DELETE FROM items", Tables.ITEMS_ROWS);
    c.scenario("insert-values", List.of("INSERT INTO items (id, name, qty, price) VALUES ($1, $2, $3, $4)",
        SHOW_ITEMS), vals("100", "1"), vals("'new'", "NULL", "''"), vals("0", "NULL", "-5"),
        vals("1.5", "NULL", "12345.678"));
    c.scenario("update-arith", List.of("UPDATE items SET qty = qty $1 $2 WHERE $3", SHOW_ITEMS),
        vals("+", "-", "*"), vals("1", "10"),
        vals("id = 1", "qty > 5", "price IS NULL", "1 = 0", "name LIKE 'b%'", "id IN (2, 4, 6)"));
    c.scenario("update-set", List.of("UPDATE items SET $1 WHERE id = $2", SHOW_ITEMS),
        vals("name = 'z'", "price = price * 2", "price = NULL", "qty = NULL, price = 0", "name = UPPER(name)"),
        vals("1", "3", "99"));
    c.scenario("delete", List.of("DELETE FROM items WHERE $1", SHOW_ITEMS),
        vals("id = 1", "id > 5", "qty IS NULL", "price < 5", "name = 'apple'", "1 = 1", "name LIKE '%e%'",
            "id IN (SELECT id FROM items WHERE qty > 3)"));
    c.scenario("insert-select", List.of("INSERT INTO items (id, name, qty, price) SELECT id + $1, name, qty, price"
        + " FROM items WHERE $2", SHOW_ITEMS), vals("100", "1000"),
        vals("id <= 3", "qty IS NULL", "1 = 0", "price > 2"));
    c.scenario("insert-rows", List.of("INSERT INTO items (id, name) VALUES $1", SHOW_ITEMS),
        vals("(50, 'a'), (51, 'b')", "(52, 'c'), (52, 'd')", "(53, NULL), (54, 'e'), (55, 'f')", "(60, 'x')"));
    c.scenario("insert-partial", List.of("INSERT INTO items ($1) VALUES ($2)", SHOW_ITEMS),
        vals("id", "id, qty"), vals("61", "62, 8"));
    return c;
  }

  /** Column types both engines spell alike; each engine adds its own. */
  static final List<String> COMMON_TYPES = List.of("INT", "BIGINT", "SMALLINT", "DECIMAL(10,2)", "NUMERIC(5)",
      "VARCHAR(20)", "CHAR(5)", "TEXT", "DATE", "BOOLEAN", "DOUBLE PRECISION", "REAL");

  static CorpusBuilder.CategoryBuilder ddl(CorpusBuilder b, Dialect d, List<String> engineTypes,
                                           List<String> engineAlters) {
    CorpusBuilder.CategoryBuilder c = b.category("ddl").cleanup("DROP VIEW IF EXISTS v_ddl",
        "DROP TABLE IF EXISTS t_copy", "DROP TABLE IF EXISTS t_ddl2", "DROP TABLE IF EXISTS t_ddl");
    List<String> types = new ArrayList<>(COMMON_TYPES);
    types.add(d.datetime());
    types.add(d.binary());
    types.addAll(engineTypes);
    c.scenario("column-type", List.of("CREATE TABLE t_ddl (c $1$2)", "SELECT c FROM t_ddl", "DROP TABLE t_ddl"),
        types, vals("", " NOT NULL", " DEFAULT NULL", " PRIMARY KEY"));
    List<String> alters = new ArrayList<>(List.of("ALTER TABLE t_ddl ADD COLUMN b INT",
        "ALTER TABLE t_ddl ADD COLUMN b VARCHAR(10) DEFAULT 'x'", "ALTER TABLE t_ddl ADD COLUMN b INT NOT NULL DEFAULT 7",
        "ALTER TABLE t_ddl DROP COLUMN a", "ALTER TABLE t_ddl RENAME COLUMN a TO b", "CREATE INDEX ix_a ON t_ddl (a)",
        "CREATE UNIQUE INDEX ux_a ON t_ddl (a)", "ALTER TABLE t_ddl ADD CONSTRAINT ck_a CHECK (a > 0)",
        "ALTER TABLE t_ddl ADD CONSTRAINT uq_a UNIQUE (a)", "CREATE VIEW v_ddl AS SELECT a FROM t_ddl",
        "TRUNCATE TABLE t_ddl", "CREATE TABLE t_ddl (x INT)", "CREATE TABLE IF NOT EXISTS t_ddl (x INT)",
        "DROP TABLE IF EXISTS nope_ddl", "DROP TABLE nope_ddl", "CREATE TABLE t_copy AS SELECT * FROM t_ddl",
        "ALTER TABLE t_ddl ADD COLUMN a INT", "ALTER TABLE t_ddl DROP COLUMN nope",
        "ALTER TABLE t_ddl ADD CONSTRAINT ck_neg CHECK (a < 0)", "ALTER TABLE t_ddl ALTER COLUMN a SET DEFAULT 5"));
    alters.addAll(engineAlters);
    c.scenario("alter", List.of("CREATE TABLE t_ddl (id INT PRIMARY KEY, a INT)", "INSERT INTO t_ddl VALUES (1, 10)",
        "$1", "SELECT * FROM t_ddl", "INSERT INTO t_ddl (id) VALUES (2)", "SELECT * FROM t_ddl ORDER BY id"), alters);
    c.scenario("create-variants", List.of("CREATE TABLE t_ddl ($1)", "INSERT INTO t_ddl VALUES (1, 2)",
        "SELECT * FROM t_ddl"), vals("a INT, b INT", "a INT PRIMARY KEY, b INT NOT NULL",
        "a INT, b INT, PRIMARY KEY (a, b)", "a INT DEFAULT 1, b INT DEFAULT 2", "a INT UNIQUE, b INT CHECK (b > 0)",
        "a INT, b INT CHECK (b > 5)", "a INT NOT NULL, b VARCHAR(1)", "a SMALLINT, b DECIMAL(3,1)"));
    c.scenario("view", List.of("CREATE TABLE t_ddl (id INT PRIMARY KEY, a INT)",
        "INSERT INTO t_ddl VALUES (1, 10), (2, 20), (3, NULL)", "CREATE VIEW v_ddl AS SELECT $1 FROM t_ddl",
        "SELECT * FROM v_ddl", "DROP VIEW v_ddl"), vals("id, a", "id, a * 2 AS dbl", "COUNT(*) AS n",
        "id FROM t_ddl WHERE a > 10 UNION SELECT 99", "MAX(a) AS m"));
    return c;
  }

  static CorpusBuilder.CategoryBuilder transactions(CorpusBuilder b, Dialect d) {
    CorpusBuilder.CategoryBuilder c = b.category("transactions").setup(Tables.accounts().toArray(String[]::new))
        .cleanup("ROLLBACK", "DELETE FROM acct", Tables.ACCT_ROWS);
    c.scenario("savepoint", List.of(d.begin(), "UPDATE acct SET balance = balance - $1 WHERE id = 1",
        "SAVEPOINT s1", "UPDATE acct SET balance = balance + $1 WHERE id = $2", "$3", SHOW_ACCT, "$4", SHOW_ACCT),
        vals("10", "50"), vals("2", "3", "4"), vals("ROLLBACK TO SAVEPOINT s1", "RELEASE SAVEPOINT s1", "SELECT 1"),
        vals("COMMIT", "ROLLBACK"));
    c.scenario("insert-then", List.of(d.begin(), "INSERT INTO acct VALUES ($1, $2)", "SELECT COUNT(*) FROM acct",
        "$3", "SELECT COUNT(*), SUM(balance) FROM acct"), vals("10", "1"), vals("0", "100", "NULL"),
        vals("COMMIT", "ROLLBACK"));
    c.scenario("nested-savepoints", List.of(d.begin(), "SAVEPOINT a", "INSERT INTO acct VALUES (20, 1)",
        "SAVEPOINT b", "INSERT INTO acct VALUES (21, 2)", "$1", "$2", SHOW_ACCT),
        vals("ROLLBACK TO SAVEPOINT a", "ROLLBACK TO SAVEPOINT b", "RELEASE SAVEPOINT b", "RELEASE SAVEPOINT a",
            "ROLLBACK TO SAVEPOINT c"), vals("COMMIT", "ROLLBACK"));
    c.scenario("error-inside", List.of(d.begin(), "INSERT INTO acct VALUES (30, 1)", "$1",
        "SELECT COUNT(*) FROM acct", "$2", "SELECT COUNT(*) FROM acct"),
        vals("INSERT INTO acct VALUES (1, 1)", "SELECT * FROM nope", "SELEC 1"), vals("COMMIT", "ROLLBACK"));
    c.scenario("isolation", List.of("SET TRANSACTION ISOLATION LEVEL $1", d.begin(), "SELECT COUNT(*) FROM acct",
        "COMMIT"), vals("READ UNCOMMITTED", "READ COMMITTED", "REPEATABLE READ", "SERIALIZABLE"));
    c.scenario("read-only", List.of(d.beginReadOnly(), "$1", "ROLLBACK", SHOW_ACCT),
        vals("UPDATE acct SET balance = 0 WHERE id = 1", "SELECT COUNT(*) FROM acct",
            "INSERT INTO acct VALUES (9, 9)", "DELETE FROM acct"));
    c.scenario("autocommit", List.of("UPDATE acct SET balance = balance + $1 WHERE id = $2",
        "SELECT balance FROM acct WHERE id = $2"), vals("1", "5", "-5"), vals("1", "2", "3"));
    c.scenario("multi-statement", List.of(d.begin(), "INSERT INTO acct VALUES ($1, 5)",
        "UPDATE acct SET balance = balance * 2 WHERE id $2", "DELETE FROM acct WHERE balance $3", "$4", SHOW_ACCT),
        vals("40", "41"), vals("= 1", "> 1", "< 0"), vals("> 150", "< 10", "IS NULL"), vals("COMMIT", "ROLLBACK"));
    c.scenario("savepoint-delete", List.of(d.begin(), "DELETE FROM acct WHERE id = $1", "SAVEPOINT s",
        "DELETE FROM acct WHERE id = $2", "ROLLBACK TO SAVEPOINT s", "$3", SHOW_ACCT),
        vals("1", "2", "3"), vals("1", "2", "3"), vals("COMMIT", "ROLLBACK"));
    c.scenario("bare", List.of("$1", SHOW_ACCT), vals("COMMIT", "ROLLBACK", "SAVEPOINT x", "RELEASE SAVEPOINT x"));
    return c;
  }
}

package dev.borealis.compat.corpus;

import static dev.borealis.compat.corpus.CorpusBuilder.vals;

/**
 * Templates for the read-only query categories both engines share, written in the SQL both accept: joins,
 * subqueries, CTEs, window functions and aggregates over the staff tables ({@link Tables#staff}). Every ORDER BY
 * is total (ends with a unique key), so an ordered comparison never depends on how a server breaks ties.
 */
final class QueryTemplates {

  private QueryTemplates() {
  }

  static void joins(CorpusBuilder b, Dialect d) {
    CorpusBuilder.CategoryBuilder c = b.category("joins").setup(Tables.staff(d).toArray(String[]::new));
    c.each("join-on", "SELECT $1 FROM emp e $2 dept d ON $3$4",
        vals("e.id, e.name, d.name", "e.id, d.id", "COUNT(*)", "e.name, d.budget"),
        vals("JOIN", "INNER JOIN", "LEFT JOIN", "RIGHT JOIN", "LEFT OUTER JOIN"),
        vals("e.dept_id = d.id", "e.dept_id = d.id AND d.budget > 20000", "e.dept_id = d.id OR d.id = 5",
            "e.dept_id > d.id", "d.id = e.dept_id AND e.salary IS NOT NULL"),
        vals("", " ORDER BY e.id, d.id"));
    c.each("self-join", "SELECT e.id, e.name, m.name FROM emp e $1 emp m ON e.manager_id = m.id$2",
        vals("JOIN", "LEFT JOIN", "RIGHT JOIN"), vals("", " ORDER BY e.id, m.id", " WHERE m.dept_id = e.dept_id"));
    c.each("three-way", "SELECT p.name, d.name, e.name FROM proj p $1 dept d ON p.dept_id = d.id $2 emp e"
        + " ON p.lead_id = e.id ORDER BY p.id", vals("JOIN", "LEFT JOIN"), vals("JOIN", "LEFT JOIN"));
    c.each("cross", "SELECT e.id, d.id FROM emp e CROSS JOIN dept d WHERE e.id < $1 ORDER BY e.id, d.id",
        vals("1", "2", "3", "4"));
    c.each("comma", "SELECT e.id, d.name FROM emp e, dept d WHERE e.dept_id = d.id AND d.id $1 ORDER BY e.id",
        vals("= 1", "> 2", "IN (2, 4)", "<> 3"));
    c.each("using", "SELECT dept_id, COUNT(*) FROM emp JOIN proj USING (dept_id) GROUP BY dept_id$1",
        vals("", " ORDER BY dept_id"));
    c.each("join-where", "SELECT e.name FROM emp e JOIN dept d ON e.dept_id = d.id WHERE $1 ORDER BY e.id",
        vals("d.name = 'Sales'", "d.budget IS NULL", "e.salary > d.budget / 20", "d.name LIKE 'S%'",
            "e.hired < '2020-01-01'"));
    c.each("join-aggregate", "SELECT d.name, $1 FROM dept d LEFT JOIN emp e ON e.dept_id = d.id GROUP BY d.id,"
        + " d.name ORDER BY d.id", vals("COUNT(e.id)", "COUNT(*)", "SUM(e.salary)", "MAX(e.hired)"));
  }

  static void subqueries(CorpusBuilder b, Dialect d) {
    CorpusBuilder.CategoryBuilder c = b.category("subqueries").setup(Tables.staff(d).toArray(String[]::new));
    c.each("in-dept", "SELECT id FROM emp WHERE dept_id $1 (SELECT id FROM dept WHERE budget $2 $3) ORDER BY id",
        vals("IN", "NOT IN"), vals(">", "<", ">="), vals("0", "20000", "50000", "100000"));
    c.each("in-emp", "SELECT id FROM dept WHERE id $1 (SELECT dept_id FROM emp WHERE salary $2 $3) ORDER BY id",
        vals("IN", "NOT IN"), vals(">", "<", ">="), vals("2500", "4000.50", "6000", "9000"));
    c.each("exists", "SELECT d.name FROM dept d WHERE $1EXISTS (SELECT 1 FROM emp e WHERE e.dept_id = d.id AND"
        + " e.salary $2 $3) ORDER BY d.id", vals("", "NOT "), vals(">", "<"), vals("3000", "5000", "7000"));
    c.each("scalar-agg", "SELECT (SELECT $1(salary) FROM emp WHERE dept_id = $2)",
        vals("MAX", "MIN", "SUM", "COUNT", "AVG"), vals("1", "2", "3", "4", "5"));
    c.each("scalar-column", "SELECT e.id, (SELECT d.name FROM dept d WHERE d.id = e.dept_id) FROM emp e WHERE $1"
        + " ORDER BY e.id", vals("e.id < 5", "e.dept_id IS NULL", "e.salary > 5000"));
    c.each("any-all", "SELECT id FROM emp WHERE salary $1 $2 (SELECT salary FROM emp WHERE dept_id = $3)"
        + " ORDER BY id", vals(">", "<", "=", "<>"), vals("ANY", "ALL"), vals("1", "2", "3", "5"));
    c.each("derived", "SELECT t.dept_id, t.c FROM (SELECT dept_id, COUNT(*) AS c FROM emp GROUP BY dept_id) t"
        + " WHERE t.c $1 $2 ORDER BY t.dept_id", vals(">", ">=", "=", "<"), vals("1", "2", "3"));
    c.each("correlated", "SELECT e.id FROM emp e WHERE e.salary $1 (SELECT AVG(salary) FROM emp x"
        + " WHERE x.dept_id = e.dept_id) ORDER BY e.id", vals(">", "<", ">=", "<=", "="));
    c.each("in-list", "SELECT id FROM emp WHERE $1 $3 ($2) ORDER BY id", vals("dept_id", "manager_id"),
        vals("1", "1, 2", "1, NULL", "NULL", "99"), vals("IN", "NOT IN"));
    c.each("eq-subquery", "SELECT COUNT(*) FROM emp WHERE dept_id = (SELECT id FROM dept WHERE name = $1)",
        vals("'Sales'", "'sales'", "'Nope'", "'Legal'"));
    c.each("subquery-errors", "$1", vals("SELECT (SELECT id FROM emp)", "SELECT id FROM emp WHERE dept_id ="
        + " (SELECT id FROM dept)", "SELECT (SELECT id, name FROM dept WHERE id = 1)"));
    c.each("in-proj", "SELECT name FROM dept WHERE id IN (SELECT dept_id FROM proj WHERE lead_id $1) ORDER BY id",
        vals("IS NOT NULL", "> 2", "IN (1, 7)", "IS NULL"));
  }

  static void cte(CorpusBuilder b, Dialect d) {
    CorpusBuilder.CategoryBuilder c = b.category("cte").setup(Tables.staff(d).toArray(String[]::new));
    c.each("recursive-series", "WITH RECURSIVE r(n) AS (SELECT $1 UNION ALL SELECT n + $2 FROM r WHERE n < $3)"
        + " SELECT $4", vals("1", "0", "10"), vals("1", "2", "5"), vals("10", "50", "100"),
        vals("COUNT(*) FROM r", "SUM(n) FROM r", "MIN(n), MAX(n) FROM r", "n FROM r ORDER BY n",
            "n FROM r WHERE n % 3 = 0 ORDER BY n"));
    c.each("recursive-tree", "WITH RECURSIVE chain(id, name, lvl) AS (SELECT id, name, 1 FROM emp WHERE $1"
        + " UNION ALL SELECT e.id, e.name, c.lvl + 1 FROM emp e JOIN chain c ON e.manager_id = c.id) SELECT $2",
        vals("manager_id IS NULL", "id = 3", "id = 7", "id = 1"),
        vals("id, name, lvl FROM chain ORDER BY lvl, id", "lvl, COUNT(*) FROM chain GROUP BY lvl ORDER BY lvl",
            "MAX(lvl) FROM chain"));
    c.each("recursive-fib", "WITH RECURSIVE f(i, a, b) AS (SELECT 1, 0, 1 UNION ALL SELECT i + 1, b, a + b"
        + " FROM f WHERE i < $1) SELECT i, a FROM f ORDER BY i", vals("5", "10", "20", "30"));
    c.each("simple", "WITH x AS (SELECT dept_id, SUM(salary) AS total FROM emp GROUP BY dept_id) SELECT $1",
        vals("dept_id, total FROM x ORDER BY dept_id", "COUNT(*) FROM x",
            "d.name, x.total FROM x JOIN dept d ON d.id = x.dept_id ORDER BY d.id", "MAX(total) FROM x",
            "dept_id FROM x WHERE total > 10000 ORDER BY dept_id"));
    c.each("chained", "WITH a AS (SELECT id, salary FROM emp WHERE salary > $1), b AS (SELECT id FROM a"
        + " WHERE salary < $2) SELECT COUNT(*) FROM b", vals("3000", "4000", "5000"), vals("5000", "6000", "8000"));
    c.each("twice", "WITH a AS (SELECT id FROM emp WHERE dept_id = $1) SELECT x.id, y.id FROM a x JOIN a y"
        + " ON x.id < y.id ORDER BY x.id, y.id", vals("1", "2", "3", "4"));
    c.each("column-list", "WITH c(k, v) AS (SELECT id, name FROM dept) SELECT k, v FROM c WHERE k $1 ORDER BY k",
        vals("> 2", "< 3", "= 5", "IS NULL"));
    c.each("in-subquery", "SELECT name FROM emp WHERE id IN (WITH m AS (SELECT manager_id FROM emp) SELECT"
        + " manager_id FROM m) ORDER BY id", vals(""));
  }

  static void window(CorpusBuilder b, Dialect d) {
    CorpusBuilder.CategoryBuilder c = b.category("window").setup(Tables.staff(d).toArray(String[]::new));
    c.each("over", "SELECT id, $1 OVER ($2$3$4) AS w FROM emp ORDER BY id",
        vals("ROW_NUMBER()", "RANK()", "DENSE_RANK()", "NTILE(3)", "LAG(salary)", "LEAD(salary)",
            "LAG(salary, 2, 0)", "FIRST_VALUE(name)", "LAST_VALUE(name)", "SUM(salary)", "COUNT(*)", "AVG(salary)",
            "MIN(salary)", "MAX(salary)", "PERCENT_RANK()", "CUME_DIST()"),
        vals("", "PARTITION BY dept_id "), vals("ORDER BY id", "ORDER BY salary, id", "ORDER BY hired DESC, id"),
        vals("", " ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING",
            " ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW"));
    c.each("ties", "SELECT id, $1 OVER (ORDER BY salary) FROM emp ORDER BY id",
        vals("RANK()", "DENSE_RANK()", "SUM(salary)", "COUNT(*)"));
    c.each("partition-only", "SELECT id, $1 OVER (PARTITION BY dept_id) FROM emp ORDER BY id",
        vals("SUM(salary)", "COUNT(*)", "MAX(hired)", "AVG(salary)"));
    c.each("named", "SELECT id, SUM(salary) OVER w, ROW_NUMBER() OVER w FROM emp WINDOW w AS ($1) ORDER BY id",
        vals("PARTITION BY dept_id ORDER BY id", "ORDER BY id"));
  }

  static void aggregate(CorpusBuilder b, Dialect d) {
    CorpusBuilder.CategoryBuilder c = b.category("aggregate").setup(Tables.staff(d).toArray(String[]::new));
    c.each("group-by", "SELECT $2, $1 FROM emp GROUP BY $2$3 ORDER BY $2",
        vals("COUNT(*)", "COUNT(salary)", "COUNT(DISTINCT salary)", "SUM(salary)", "AVG(salary)", "MIN(salary)",
            "MAX(salary)", "MIN(name)", "MAX(hired)", "SUM(id)"),
        vals("dept_id", "manager_id", "dept_id, manager_id"),
        vals("", " HAVING COUNT(*) > 1", " HAVING SUM(salary) > 8000", " HAVING MAX(salary) IS NOT NULL"));
    c.each("whole-table", "SELECT $1 FROM emp WHERE $2",
        vals("COUNT(*)", "COUNT(salary)", "COUNT(DISTINCT dept_id)", "SUM(salary)", "AVG(salary)", "MIN(salary)",
            "MAX(salary)", "MIN(name)", "MAX(hired)", "SUM(id)"),
        vals("1 = 1", "1 = 0", "dept_id = 1", "salary IS NULL"));
    c.each("order-by-aggregate", "SELECT dept_id, COUNT(*) AS c FROM emp GROUP BY dept_id ORDER BY $1",
        vals("c DESC, dept_id", "COUNT(*), dept_id", "2, 1", "MAX(salary), dept_id"));
    c.each("group-expression", "SELECT $1 AS k, COUNT(*) FROM emp GROUP BY $1 ORDER BY k",
        vals("salary > 4000", "hired < '2020-01-01'", "id % 3", "dept_id IS NULL"));
    c.each("having-only", "SELECT COUNT(*) FROM emp HAVING COUNT(*) $1", vals("> 5", "< 5"));
    c.each("distinct", "SELECT DISTINCT $1 FROM emp ORDER BY $1", vals("dept_id", "manager_id", "salary"));
  }
}

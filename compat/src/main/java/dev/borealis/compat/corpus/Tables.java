package dev.borealis.compat.corpus;

import java.util.List;

/** The small, fixed data set the categories share (names in mixed case on purpose, some NULLs, ties in salary). */
final class Tables {

  private Tables() {
  }

  static List<String> staff(Dialect d) {
    return List.of(
        "CREATE TABLE dept (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, budget DECIMAL(12,2))",
        "INSERT INTO dept VALUES (1, 'Engineering', 100000.00), (2, 'Sales', 50000.00), (3, 'Marketing', NULL),"
            + " (4, 'Support', 20000.00), (5, 'Legal', 15000.00)",
        "CREATE TABLE emp (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, dept_id INT, salary DECIMAL(10,2),"
            + " hired DATE, manager_id INT)",
        "INSERT INTO emp VALUES (1, 'Alice', 1, 5000.00, '2020-01-15', NULL), (2, 'bob', 1, 4000.50, '2021-03-01', 1),"
            + " (3, 'Carol', 2, 6000.00, '2019-07-23', 1), (4, 'dave', 2, NULL, '2022-11-30', 3),"
            + " (5, 'Eve', 3, 4500.25, '2018-05-05', 3), (6, 'frank', NULL, 3000.00, '2023-02-14', 1),"
            + " (7, 'Grace', 3, 7000.00, '2017-09-09', NULL), (8, 'heidi', 1, 4000.50, '2020-12-31', 2),"
            + " (9, 'Ivan', 4, 3500.00, '2021-06-30', 7), (10, 'judy', NULL, NULL, NULL, 7),"
            + " (11, 'Mallory', 2, 5500.75, '2016-04-01', 3), (12, 'Oscar', 4, 2500.00, '2024-02-29', 9)",
        "CREATE TABLE proj (id INT PRIMARY KEY, name VARCHAR(40), dept_id INT, lead_id INT)",
        "INSERT INTO proj VALUES (1, 'Apollo', 1, 1), (2, 'Borealis', 1, 2), (3, 'Comet', 2, 3),"
            + " (4, 'Drift', NULL, NULL), (5, 'Echo', 3, 7)");
  }

  static List<String> items() {
    return List.of(
        "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(30), qty INT, price DECIMAL(8,2))",
        ITEMS_ROWS);
  }

  static final String ITEMS_ROWS = "INSERT INTO items VALUES (1, 'apple', 3, 1.20), (2, 'banana', 12, 0.50),"
      + " (3, 'cherry', NULL, 7.00), (4, 'date', 0, NULL), (5, 'elderberry', 7, 12.75), (6, 'fig', 5, 2.00),"
      + " (7, 'grape', 20, 3.30), (8, 'kiwi', 1, 0.99), (9, 'lemon', 9, NULL), (10, 'mango', 4, 2.49)";

  static List<String> accounts() {
    return List.of("CREATE TABLE acct (id INT PRIMARY KEY, balance INT)", ACCT_ROWS);
  }

  static final String ACCT_ROWS = "INSERT INTO acct VALUES (1, 100), (2, 200), (3, 300)";
}

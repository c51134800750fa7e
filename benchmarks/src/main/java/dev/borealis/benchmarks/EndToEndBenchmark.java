package dev.borealis.benchmarks;

import dev.borealis.cluster.Engine;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Question: on a real network round trip to the embedded cluster, how much slower is a call through Borealis (its
 * default plugins) than through the raw target driver, and how does that compare with the AWS Advanced JDBC Wrapper
 * (its default plugins) measured in the same run? Workloads, each on one connection to the cluster endpoint:
 * <ul>
 *   <li>{@code SELECT 1} with a {@code Statement}: execute, {@code next()}, {@code getInt(1)}, close the result;</li>
 *   <li>point select: a {@code PreparedStatement} {@code SELECT v FROM bench_kv WHERE id = ?} over 1,000 rows.</li>
 * </ul>
 * Target (issue 5): Borealis at most 3 % slower than the raw driver and below the AWS wrapper's overhead — printed,
 * not asserted. Args: {@code [postgresql|mysql|all] [seconds per round, default 1] [rounds, default 9]}.
 * Run: {@code mvn -q -pl benchmarks -am package -DskipTests && java -jar benchmarks/target/borealis-benchmarks.jar e2e all}
 */
final class EndToEndBenchmark {

  static final int ROWS = 1_000;

  private EndToEndBenchmark() {
  }

  static void main(String[] args) throws Exception {
    ServedCluster.useHostsFile();
    List<Engine> engines = Engines.parse(args.length > 0 ? args[0] : "all");
    Throughput.Plan plan = Throughput.Plan.fromArgs(args);
    for (Engine engine : engines) {
      run(engine, plan);
    }
  }

  private static void run(Engine engine, Throughput.Plan plan) throws Exception {
    System.out.printf("%n== end to end, %s embedded cluster (1 writer + 1 reader), %d cores, JDK %s; %s%n",
        engine.displayName(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), plan);
    String clusterName = "e2e" + engine.name().toLowerCase();
    try (ServedCluster served = ServedCluster.start(engine, clusterName, 1)) {
      String db = Engines.database(engine);
      String scheme = Engines.scheme(engine);
      Map<String, String> urls = new LinkedHashMap<>();
      urls.put("raw " + Engines.driverName(engine), served.url("jdbc:" + scheme, db));
      urls.put("Borealis (default plugins)", served.url("jdbc:borealis:" + scheme, db));
      // The AWS wrapper keys its topology cache by clusterId, which it requires per cluster when a JVM sees several
      // (this run serves one cluster per engine); without it the second cluster would be given the first's topology.
      urls.put("AWS wrapper (default plugins)", served.url("jdbc:aws-wrapper:" + scheme, db) + "?clusterId="
          + clusterName);
      Engines.createDatabase(served.url("jdbc:" + scheme, ""), credentials(), engine);
      try (Connection setup = DriverManager.getConnection(served.url("jdbc:" + scheme, db), credentials())) {
        createTable(setup);
      }
      List<Connection> open = new ArrayList<>();
      List<String> skipped = new ArrayList<>();
      try {
        Map<String, Throughput.Op> select1 = new LinkedHashMap<>();
        Map<String, Throughput.Op> point = new LinkedHashMap<>();
        for (Map.Entry<String, String> u : urls.entrySet()) {
          Connection c;
          try {
            c = DriverManager.getConnection(u.getValue(), credentials());
          } catch (SQLException e) {
            skipped.add("skipped " + u.getKey() + ": connect failed: " + e.getMessage() + " (SQLSTATE "
                + e.getSQLState() + ")");
            continue;
          }
          open.add(c);
          select1.put(u.getKey(), selectOne(c));
          point.put(u.getKey(), pointSelect(c));
        }
        String raw = "raw " + Engines.driverName(engine);
        List<String> notes = new ArrayList<>(skipped);
        Map<String, Throughput.Rate> s1 = Throughput.measure(select1, plan, notes);
        Throughput.print("SELECT 1", s1, raw, notes);
        notes = new ArrayList<>(skipped);
        Map<String, Throughput.Rate> ps = Throughput.measure(point, plan, notes);
        Throughput.print("point select", ps, raw, notes);
        for (Map<String, Throughput.Rate> r : List.of(s1, ps)) {
          Throughput.ratios(r, "Borealis (default plugins)", raw, "AWS wrapper (default plugins)", raw,
              "Borealis (default plugins)", "AWS wrapper (default plugins)").forEach(l -> System.out.println(
              (r == s1 ? "SELECT 1:     " : "point select: ") + l));
        }
      } finally {
        for (Connection c : open) {
          c.close();
        }
      }
    }
  }

  static Properties credentials() {
    Properties p = new Properties();
    p.setProperty("user", ServedCluster.USER);
    p.setProperty("password", ServedCluster.PASSWORD);
    return p;
  }

  private static void createTable(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE bench_kv (id INT PRIMARY KEY, v INT NOT NULL)");
    }
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO bench_kv (id, v) VALUES (?, ?)")) {
      for (int i = 0; i < ROWS; i++) {
        insert.setInt(1, i);
        insert.setInt(2, i * 7);
        insert.executeUpdate();
      }
    }
  }

  private static Throughput.Op selectOne(Connection c) throws SQLException {
    Statement s = c.createStatement();
    return () -> {
      try (ResultSet rs = s.executeQuery("SELECT 1")) {
        rs.next();
        rs.getInt(1);
      }
    };
  }

  static Throughput.Op pointSelect(Connection c) throws SQLException {
    return pointSelect(c, "bench_kv");
  }

  static Throughput.Op pointSelect(Connection c, String table) throws SQLException {
    PreparedStatement ps = c.prepareStatement("SELECT v FROM " + table + " WHERE id = ?");
    int[] next = {0};
    return () -> {
      ps.setInt(1, next[0]);
      next[0] = (next[0] + 1) % ROWS;
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("point select found no row for id " + ps, "02000");
        }
        rs.getInt(1);
      }
    };
  }
}

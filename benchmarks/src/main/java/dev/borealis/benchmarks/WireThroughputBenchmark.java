package dev.borealis.benchmarks;

import dev.borealis.cluster.Engine;
import dev.borealis.compat.real.LocalMariaDb;
import dev.borealis.compat.real.LocalPostgres;
import dev.borealis.compat.real.LocalServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Question: how close is the embedded cluster's wire endpoint to a real server on the same client workload, and
 * what does the network layer cost next to H2 used directly in-process? For each engine, through the engine's
 * usual driver (pgJDBC, Connector/J) on one connection, single-threaded:
 * <ul>
 *   <li>point select: {@code PreparedStatement} {@code SELECT v FROM bench_kv WHERE id = ?} over 1,000 rows;</li>
 *   <li>single-row insert: {@code PreparedStatement} {@code INSERT INTO bench_ins (id, v) VALUES (?, ?)},
 *       autocommit.</li>
 * </ul>
 * Contenders: the embedded cluster's cluster endpoint (1 writer + 1 reader, no added replica lag); H2 in this JVM in
 * the engine's compatibility mode, no network; the real server (PostgreSQL, MariaDB) started locally from the
 * machine's packages, with their default durability settings — or "skipped: not installed" — and for PostgreSQL
 * also a second session on it with {@code synchronous_commit=off} (no fsync wait per commit, like the embedded
 * cluster). Target (issues 3 and 4): embedded ≥ 0.8× the real server — printed, not asserted.
 * Args: {@code [postgresql|mysql|all] [seconds per round, default 1] [rounds, default 9]}.
 * Run: {@code mvn -q -pl benchmarks -am package -DskipTests && java -jar benchmarks/target/borealis-benchmarks.jar wire all}
 */
final class WireThroughputBenchmark {

  private WireThroughputBenchmark() {
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
    System.out.printf("%n== wire throughput, %s, %d cores, JDK %s; %s%n", engine.displayName(),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), plan);
    String embedded = "embedded cluster via " + Engines.driverName(engine);
    String h2 = "H2 in-process (direct)";
    List<String> skipped = new ArrayList<>();
    List<AutoCloseable> resources = new ArrayList<>();
    Map<String, Connection> connections = new LinkedHashMap<>();
    String real = null;
    String relaxed = null;
    try {
      ServedCluster served = ServedCluster.start(engine, "wire" + engine.name().toLowerCase(), 1);
      resources.add(served);
      String scheme = Engines.scheme(engine);
      String db = Engines.database(engine);
      Engines.createDatabase(served.url("jdbc:" + scheme, ""), EndToEndBenchmark.credentials(), engine);
      connections.put(embedded, DriverManager.getConnection(served.url("jdbc:" + scheme, db),
          EndToEndBenchmark.credentials()));
      Properties h2User = new Properties();
      h2User.setProperty("user", "sa");
      h2User.setProperty("password", "");
      connections.put(h2, DriverManager.getConnection("jdbc:h2:mem:bench" + engine.name().toLowerCase()
          + ";DB_CLOSE_DELAY=-1" + engine.h2Settings(), h2User));
      try {
        LocalServer server = engine == Engine.MYSQL ? LocalMariaDb.start() : LocalPostgres.start();
        resources.add(server);
        real = server.name() + " via " + Engines.driverName(engine);
        Engines.createDatabase(server.jdbcUrl(""), server.credentials(), engine);
        connections.put(real, DriverManager.getConnection(server.jdbcUrl(db), server.credentials()));
        if (engine == Engine.POSTGRESQL) {
          // The embedded cluster acknowledges a commit without an fsync; this session does the same on the real
          // server, so the insert comparison is also made at equal durability.
          relaxed = server.name() + " via pgJDBC, synchronous_commit=off";
          Connection c = DriverManager.getConnection(server.jdbcUrl(db), server.credentials());
          connections.put(relaxed, c);
          try (Statement st = c.createStatement()) {
            st.execute("SET synchronous_commit = off");
          }
        }
      } catch (LocalServer.Unavailable e) {
        skipped.add((engine == Engine.MYSQL ? "MariaDB: " : "PostgreSQL: ") + e.getMessage());
      }
      Map<String, Throughput.Op> selects = new LinkedHashMap<>();
      Map<String, Throughput.Op> inserts = new LinkedHashMap<>();
      for (Map.Entry<String, Connection> c : connections.entrySet()) {
        createTables(c.getValue(), c.getKey().endsWith("=off") ? "_relaxed" : "");
        selects.put(c.getKey(), EndToEndBenchmark.pointSelect(c.getValue(), c.getKey().endsWith("=off")
            ? "bench_kv_relaxed" : "bench_kv"));
        inserts.put(c.getKey(), insert(c.getValue(), c.getKey().endsWith("=off") ? "bench_ins_relaxed"
            : "bench_ins"));
      }
      String baseline = real != null ? real : embedded;
      List<String> notes = new ArrayList<>(skipped);
      Map<String, Throughput.Rate> s = Throughput.measure(selects, plan, notes);
      Throughput.print("point select", s, baseline, notes);
      notes = new ArrayList<>(skipped);
      Map<String, Throughput.Rate> i = Throughput.measure(inserts, plan, notes);
      Throughput.print("single-row insert (autocommit)", i, baseline, notes);
      for (Map<String, Throughput.Rate> r : List.of(s, i)) {
        String label = r == s ? "point select: " : "insert:       ";
        Throughput.ratios(r, embedded, real != null ? real : "-", embedded, relaxed != null ? relaxed : "-",
                embedded, h2)
            .forEach(l -> System.out.println(label + l));
      }
      if (real != null) {
        System.out.printf("target: embedded ≥ 0.8x %s (printed, not asserted)%n", real);
      }
    } finally {
      for (Connection c : connections.values()) {
        c.close();
      }
      for (int k = resources.size() - 1; k >= 0; k--) {
        resources.get(k).close();
      }
    }
  }

  /** {@code bench_kv} and {@code bench_ins}, with {@code suffix} when two contenders share one server. */
  private static void createTables(Connection c, String suffix) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE bench_kv" + suffix + " (id INT PRIMARY KEY, v INT NOT NULL)");
      s.execute("CREATE TABLE bench_ins" + suffix + " (id BIGINT PRIMARY KEY, v INT NOT NULL)");
    }
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO bench_kv" + suffix + " (id, v) VALUES (?, ?)")) {
      for (int i = 0; i < EndToEndBenchmark.ROWS; i++) {
        insert.setInt(1, i);
        insert.setInt(2, i * 7);
        insert.executeUpdate();
      }
    }
  }

  private static Throughput.Op insert(Connection c, String table) throws SQLException {
    PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (id, v) VALUES (?, ?)");
    long[] next = {0};
    return () -> {
      ps.setLong(1, next[0]++);
      ps.setInt(2, 42);
      if (ps.executeUpdate() != 1) {
        throw new SQLException("single-row insert did not insert one row", "02000");
      }
    };
  }
}

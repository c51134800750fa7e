package dev.borealis.jdbc.fake;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only cluster: one H2 in-memory database per instance, reached through {@link FakeDriver} under Aurora-shaped
 * names ({@code <name>.cluster-<name>.fake.test}, {@code <name>.cluster-ro-<name>.fake.test},
 * {@code <instance>.<name>.fake.test}). Each database holds its own identity ({@code fake_instance}) and, for the
 * Aurora flavour, the topology view ({@code fake_topology}) kept identical on every instance. The cluster endpoint
 * follows the writer only when {@link #updateDns()} is called, so stale DNS can be staged.
 */
public final class FakeCluster implements AutoCloseable {

  static final Map<String, FakeCluster> BY_NAME = new ConcurrentHashMap<>();
  public static final String USER = "app";
  public static final String PASSWORD = "Sup3r-Secret-Pw";

  private static final AtomicInteger SEQ = new AtomicInteger();

  private final String name;
  private final boolean aurora;
  private final Map<String, Instance> instances = new LinkedHashMap<>();
  private final Set<String> down = ConcurrentHashMap.newKeySet();
  private final AtomicInteger readerEndpointTurn = new AtomicInteger();
  private final List<Connection> keepAlive = new ArrayList<>();
  private volatile String dnsWriter;

  private static final class Instance {
    boolean writer;
    double lagMs;

    Instance(boolean writer) {
      this.writer = writer;
    }
  }

  private FakeCluster(String name, boolean aurora) {
    this.name = name;
    this.aurora = aurora;
  }

  /** An Aurora-flavoured cluster with a unique name (tests run in one JVM and share the cluster registry). */
  public static FakeCluster aurora(String prefix, String writer, String... readers) throws SQLException {
    return create(prefix, true, writer, readers);
  }

  /** Plain replication: no topology view; the driver must probe the URL's hosts. */
  public static FakeCluster plain(String prefix, String writer, String... readers) throws SQLException {
    return create(prefix, false, writer, readers);
  }

  private static FakeCluster create(String prefix, boolean aurora, String writer, String... readers)
      throws SQLException {
    FakeCluster c = new FakeCluster(prefix + SEQ.incrementAndGet(), aurora);
    BY_NAME.put(c.name, c);
    c.addInstance(writer, true);
    for (String r : readers) {
      c.addInstance(r, false);
    }
    c.dnsWriter = writer;
    c.publish();
    return c;
  }

  public String name() {
    return name;
  }

  public synchronized void addInstance(String id, boolean writer) throws SQLException {
    instances.put(id, new Instance(writer));
    Connection keep = DriverManager.getConnection(h2Url(id), "sa", "");
    keepAlive.add(keep);
    try (Statement s = keep.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS fake_instance(server_id VARCHAR(64), read_only BOOLEAN)");
      s.execute("CREATE TABLE IF NOT EXISTS items(id INT PRIMARY KEY, v VARCHAR(64))");
      if (aurora) {
        s.execute("CREATE TABLE IF NOT EXISTS fake_topology(server_id VARCHAR(64), is_writer BOOLEAN, lag_ms DOUBLE)");
      }
    }
    publish();
  }

  public synchronized void removeInstance(String id) throws SQLException {
    instances.remove(id);
    publish();
  }

  /** Promotes {@code newWriter}; the old writer becomes a reader. DNS is not updated (see {@link #updateDns()}). */
  public synchronized void failover(String newWriter) throws SQLException {
    instances.forEach((id, i) -> i.writer = id.equals(newWriter));
    publish();
  }

  public void updateDns() {
    synchronized (this) {
      dnsWriter = instances.entrySet().stream().filter(e -> e.getValue().writer).findFirst().orElseThrow().getKey();
    }
  }

  public synchronized void setLag(String id, double lagMs) throws SQLException {
    instances.get(id).lagMs = lagMs;
    publish();
  }

  public void down(String id) {
    down.add(id);
  }

  public void up(String id) {
    down.remove(id);
  }

  private void publish() throws SQLException {
    for (String id : instances.keySet()) {
      try (Connection c = DriverManager.getConnection(h2Url(id), "sa", ""); Statement s = c.createStatement()) {
        s.execute("DELETE FROM fake_instance");
        s.execute("INSERT INTO fake_instance VALUES ('" + id + "', " + !instances.get(id).writer + ")");
        if (aurora) {
          s.execute("DELETE FROM fake_topology");
          for (Map.Entry<String, Instance> e : instances.entrySet()) {
            s.execute("INSERT INTO fake_topology VALUES ('" + e.getKey() + "', " + e.getValue().writer + ", "
                + e.getValue().lagMs + ")");
          }
        }
      }
    }
  }

  // ---- names -----------------------------------------------------------------------------------------------

  public String clusterEndpoint() {
    return name + ".cluster-" + name + ".fake.test";
  }

  public String readerEndpoint() {
    return name + ".cluster-ro-" + name + ".fake.test";
  }

  public String instanceHost(String id) {
    return id + "." + name + ".fake.test";
  }

  /** {@code jdbc:borealis:fake://<cluster endpoint>/app?…}. */
  public String url(String query) {
    return "jdbc:borealis:fake://" + clusterEndpoint() + "/app" + (query.isEmpty() ? "" : "?" + query);
  }

  /** A URL listing every instance host (plain replication style). */
  public synchronized String instancesUrl(String query) {
    return "jdbc:borealis:fake://" + String.join(",", instances.keySet().stream().map(this::instanceHost).toList())
        + "/app" + (query.isEmpty() ? "" : "?" + query);
  }

  String h2Url(String id) {
    return "jdbc:h2:mem:fake-" + name + "-" + id + ";DB_CLOSE_DELAY=-1";
  }

  // ---- what FakeDriver asks ------------------------------------------------------------------------------

  /** The instance a hostname resolves to right now, honouring stale DNS. */
  synchronized String resolve(String label, String kind) throws SQLException {
    String id = switch (kind) {
      case "cluster" -> dnsWriter;
      case "cluster-ro" -> pickReader();
      default -> label;
    };
    if (!instances.containsKey(id)) {
      throw new SQLException("UnknownHostException: " + label + " (no such instance in fake cluster " + name + ")",
          "08001");
    }
    if (down.contains(id)) {
      throw new SQLException("Connection refused: instance " + id + " of fake cluster " + name + " is down",
          "08S01");
    }
    return id;
  }

  private String pickReader() {
    List<String> readers = instances.entrySet().stream().filter(e -> !e.getValue().writer).map(Map.Entry::getKey)
        .toList();
    if (readers.isEmpty()) {
      return dnsWriter;
    }
    return readers.get(Math.floorMod(readerEndpointTurn.getAndIncrement(), readers.size()));
  }

  // ---- assertions' helpers -------------------------------------------------------------------------------

  /** The instance id behind any connection to this cluster (through Borealis or not). */
  public static String serverId(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT server_id FROM fake_instance")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Rows of {@code items} as stored on one instance (instances do not replicate). */
  public int itemCount(String id) throws SQLException {
    try (Connection c = DriverManager.getConnection(h2Url(id), "sa", ""); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM items")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Open H2 sessions on an instance, not counting the fixture's own. */
  public int sessions(String id) throws SQLException {
    try (Connection c = DriverManager.getConnection(h2Url(id), "sa", ""); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
      rs.next();
      return rs.getInt(1) - 2;
    }
  }

  @Override
  public synchronized void close() throws SQLException {
    BY_NAME.remove(name);
    for (Connection c : keepAlive) {
      try (Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      } catch (SQLException e) {
        // already shut down through another instance's keep-alive is impossible: one per database
      }
    }
    keepAlive.clear();
  }
}

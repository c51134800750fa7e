package dev.borealis.jdbc.postgres.replication;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL primary with streaming standbys on loopback, from the server binaries of Debian's
 * {@code postgresql} package ({@code /usr/lib/postgresql/N/bin}), for tests. Each server has a data directory under
 * one temporary directory and a free port on 127.0.0.1; they trust local connections (user {@code postgres}, no
 * password). Tuned to start fast, not to be durable: tiny shared buffers, {@code fsync=off}.
 *
 * <p>PostgreSQL refuses to run as root, so when the JVM is root every server command runs as the {@code postgres}
 * OS user ({@code runuser -u postgres --}) and the directories belong to that user. {@link #start(int)} skips the
 * calling test (JUnit assumption) when the binaries are absent.
 *
 * <p>States: started (every server accepting connections) → closed (every server stopped, files removed).
 * {@link #promote(int)} turns a standby into a primary, for failover tests; the old primary keeps running as a
 * second primary until stopped ({@link #stopServer(int)}), as it would after a real network partition.
 */
public final class StreamingReplication implements AutoCloseable {

  /** The superuser initdb creates; local connections are trusted. */
  public static final String USER = "postgres";
  private static final Logger LOG = Logger.getLogger(StreamingReplication.class.getName());
  private static final Path INSTALL_ROOT = Path.of("/usr/lib/postgresql");
  private static final long COMMAND_TIMEOUT_SECONDS = 120;

  private final Path bin;
  private final Path root;
  private final boolean asPostgresUser;
  private final List<Server> servers = new ArrayList<>();
  private boolean closed;

  /** One server: index 0 is the primary this fixture started with, 1.. the standbys. */
  public record Server(int index, Path dataDir, int port) {
    public String hostAndPort() {
      return "127.0.0.1:" + port;
    }

    public String jdbcUrl(String database) {
      return "jdbc:postgresql://" + hostAndPort() + "/" + database;
    }
  }

  private StreamingReplication(Path bin, Path root, boolean asPostgresUser) {
    this.bin = bin;
    this.root = root;
    this.asPostgresUser = asPostgresUser;
  }

  /** Starts a primary and {@code standbys} standbys streaming from it; the servers are running when this returns. */
  public static StreamingReplication start(int standbys) throws IOException, InterruptedException {
    Optional<Path> bin = findBinaries();
    assumeTrue(bin.isPresent(), "PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) not found under "
        + INSTALL_ROOT + "/*/bin; install Debian's 'postgresql' package to run the streaming-replication tests");
    boolean root = "root".equals(System.getProperty("user.name"));
    StreamingReplication r = new StreamingReplication(bin.get(), Files.createTempDirectory("borealis-pg-"), root);
    try {
      r.ownDirectory(r.root);
      r.startPrimary();
      for (int i = 1; i <= standbys; i++) {
        r.startStandby(i);
      }
      return r;
    } catch (IOException | InterruptedException | RuntimeException e) {
      r.close();
      throw e;
    }
  }

  /** The newest installed version's bin directory, if it has everything the fixture runs. */
  static Optional<Path> findBinaries() throws IOException {
    if (!Files.isDirectory(INSTALL_ROOT)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(INSTALL_ROOT)) {
      return versions.map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl"))
              && Files.isExecutable(b.resolve("pg_basebackup")))
          .max(Comparator.comparing(StreamingReplication::versionOf));
    }
  }

  private static int versionOf(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  public Server primary() {
    return servers.get(0);
  }

  public List<Server> standbys() {
    return servers.subList(1, servers.size());
  }

  public List<Server> servers() {
    return List.copyOf(servers);
  }

  /** A plain pgJDBC connection to one server. */
  public Connection connect(Server server) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl("postgres") + "?sslmode=disable", USER, "");
  }

  /** Whether the server is a standby ({@code pg_is_in_recovery()}). */
  public boolean inRecovery(Server server) throws SQLException {
    try (Connection c = connect(server); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  /** Promotes standby {@code index} with {@code pg_ctl promote}, waiting until it accepts writes. */
  public void promote(int index) throws IOException, InterruptedException {
    Server s = servers.get(index);
    run(List.of(tool("pg_ctl"), "-D", s.dataDir().toString(), "-w", "-t", "60", "promote"), "promote " + index);
  }

  /** Stops one server at once (immediate shutdown, like a crash). */
  public void stopServer(int index) throws IOException, InterruptedException {
    Server s = servers.get(index);
    run(List.of(tool("pg_ctl"), "-D", s.dataDir().toString(), "-m", "immediate", "-w", "stop"), "stop " + index);
  }

  // ---------------------------------------------------------------- start-up

  private void startPrimary() throws IOException, InterruptedException {
    Path data = root.resolve("server0");
    run(List.of(tool("initdb"), "-D", data.toString(), "-U", USER, "-A", "trust", "-E", "UTF8", "--no-sync",
        "--no-instructions"), "initdb");
    Server primary = new Server(0, data, freePort());
    appendConfig(data, List.of(
        "port = " + primary.port(),
        "listen_addresses = '127.0.0.1'",
        "unix_socket_directories = '" + root + "'",
        "shared_buffers = 16MB",
        "max_connections = 40",
        "fsync = off",
        "synchronous_commit = off",
        "full_page_writes = off",
        "wal_level = replica",
        "max_wal_senders = 10",
        "hot_standby = on",
        "wal_keep_size = 64MB",
        "logging_collector = off"));
    servers.add(primary);
    startServer(primary);
  }

  private void startStandby(int index) throws IOException, InterruptedException {
    Server primary = primary();
    Path data = root.resolve("server" + index);
    run(List.of(tool("pg_basebackup"), "-h", "127.0.0.1", "-p", String.valueOf(primary.port()), "-U", USER,
        "-D", data.toString(), "-R", "-X", "stream", "-c", "fast", "--no-sync"), "pg_basebackup " + index);
    Server standby = new Server(index, data, freePort());
    // The copied configuration names the primary's port; the last setting wins.
    appendConfig(data, List.of("port = " + standby.port()));
    servers.add(standby);
    startServer(standby);
  }

  private void startServer(Server s) throws IOException, InterruptedException {
    Path log = root.resolve("server" + s.index() + ".log");
    run(List.of(tool("pg_ctl"), "-D", s.dataDir().toString(), "-l", log.toString(), "-w", "-t", "60", "start"),
        "start server " + s.index() + " on port " + s.port());
    LOG.fine(() -> "PostgreSQL server " + s.index() + " listening on " + s.hostAndPort());
  }

  private void appendConfig(Path dataDir, List<String> lines) throws IOException {
    Files.write(dataDir.resolve("postgresql.conf"), lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private String tool(String name) {
    return bin.resolve(name).toString();
  }

  // ---------------------------------------------------------------- processes

  /** The fixture's directory belongs to the postgres user when we are root, so the servers can write it. */
  private void ownDirectory(Path dir) throws IOException {
    if (!asPostgresUser) {
      return;
    }
    UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(USER);
    Files.setOwner(dir, postgres);
  }

  private void run(List<String> command, String what) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asPostgresUser) {
      full.addAll(List.of("runuser", "-u", USER, "--"));
    }
    full.addAll(command);
    Path output = Files.createTempFile("borealis-pg-cmd", ".log");
    try {
      Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IOException("PostgreSQL fixture: '" + what + "' did not finish within " + COMMAND_TIMEOUT_SECONDS
            + " s: " + tail(output));
      }
      if (p.exitValue() != 0) {
        throw new IOException("PostgreSQL fixture: '" + what + "' (" + String.join(" ", full) + ") exited with "
            + p.exitValue() + ": " + tail(output) + serverLogs());
      }
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static String tail(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return text.length() > 2000 ? "…" + text.substring(text.length() - 2000) : text;
  }

  private String serverLogs() throws IOException {
    StringBuilder b = new StringBuilder();
    try (Stream<Path> files = Files.list(root)) {
      for (Path log : files.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
        b.append("\n--- ").append(log.getFileName()).append(":\n").append(tail(log));
      }
    }
    return b.toString();
  }

  // ---------------------------------------------------------------- close

  /** Stops every server (immediate shutdown: nothing here needs to survive) and removes the directory. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (int i = servers.size() - 1; i >= 0; i--) {
      Server s = servers.get(i);
      if (Files.exists(s.dataDir().resolve("postmaster.pid"))) {
        try {
          stopServer(i);
        } catch (IOException e) {
          LOG.warning(() -> "PostgreSQL fixture: stopping server " + s.index() + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    deleteTree(root);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      LOG.warning(() -> "PostgreSQL fixture: cannot remove " + dir + ": " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "StreamingReplication" + servers.stream().map(Server::hostAndPort).toList();
  }
}

package dev.borealis.compat.real;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A MariaDB server from Debian's {@code mariadb-server} package: {@code mariadb-install-db} into a temporary
 * directory, then {@code mariadbd} in the foreground on 127.0.0.1 and a free port, with {@code --skip-grant-tables}
 * so a benchmark or test needs no account set-up (root, no password); stopped with SIGTERM, MariaDB's clean shutdown.
 * {@code --no-defaults} skips the machine's configuration files, so the character set the Debian package configures
 * there ({@code utf8mb4}, {@code utf8mb4_general_ci}) is given on the command line, as Aurora MySQL defaults to
 * utf8mb4 too; the sql_mode is MySQL 8.0's ({@link #MYSQL8_SQL_MODE}). Other settings are the package defaults ({@code innodb_flush_log_at_trx_commit=1}).
 */
public final class LocalMariaDb extends LocalServer {

  private static final String SERVICE_USER = "mysql";
  private static final Path SERVER = Path.of("/usr/sbin/mariadbd");
  private static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");
  /**
   * MySQL 8.0's default sql_mode (Aurora MySQL 3's too): MariaDB's default lacks ONLY_FULL_GROUP_BY and the zero-date
   * checks, which would make a differential test measure MariaDB's leniency instead of the embedded cluster.
   */
  static final String MYSQL8_SQL_MODE = "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
      + "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION";
  private final Process process;
  private String version = "";

  private LocalMariaDb(Path dir, int port, Process process) {
    super(dir, port);
    this.process = process;
  }

  public static LocalMariaDb start() throws Unavailable, IOException, InterruptedException {
    if (!Files.isExecutable(SERVER) || !Files.isExecutable(INSTALL_DB)) {
      throw new Unavailable("skipped: not installed (no " + SERVER + "; Debian package 'mariadb-server')");
    }
    Path dir = tempDir("borealis-real-mariadb", SERVICE_USER);
    int port = freePort();
    Path data = dir.resolve("data");
    try {
      run(as(SERVICE_USER, List.of(INSTALL_DB.toString(), "--no-defaults", "--datadir=" + data,
          "--auth-root-authentication-method=normal", "--skip-test-db")), 180, dir);
    } catch (IOException e) {
      deleteTree(dir);
      throw new Unavailable("skipped: mariadb-install-db failed: " + e.getMessage());
    }
    Process p = new ProcessBuilder(as(SERVICE_USER, List.of(SERVER.toString(), "--no-defaults", "--datadir=" + data,
        "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("mysqld.sock"),
        "--pid-file=" + dir.resolve("mysqld.pid"), "--skip-grant-tables", "--skip-name-resolve",
        "--character-set-server=utf8mb4", "--collation-server=utf8mb4_general_ci", "--sql-mode=" + MYSQL8_SQL_MODE)))
        .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
    LocalMariaDb server = new LocalMariaDb(dir, port, p);
    try {
      server.awaitReady(60);
      return server;
    } catch (IOException e) {
      server.close();
      throw new Unavailable("skipped: MariaDB did not start: " + e.getMessage());
    }
  }

  /** Polls until a connection succeeds; no fixed sleep. */
  private void awaitReady(int seconds) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("mariadbd exited with " + process.exitValue() + ": "
            + tail(Files.readString(dir.resolve("server.log"))));
      }
      try (Connection c = DriverManager.getConnection(jdbcUrl(""), credentials())) {
        version = c.getMetaData().getDatabaseProductVersion();
        return;
      } catch (SQLException e) {
        last = e;
        process.waitFor(100, TimeUnit.MILLISECONDS);
      }
    }
    throw new IOException("no connection within " + seconds + " s: " + (last == null ? "" : last.getMessage()));
  }

  @Override
  public String name() {
    // Connector/J sees MariaDB's version behind the "5.5.5-" prefix MariaDB sends for old clients.
    return "MariaDB " + version.replaceFirst("^5\\.5\\.5-", "").replaceFirst("-.*", "");
  }

  @Override
  public String jdbcUrl(String database) {
    return "jdbc:mysql://127.0.0.1:" + port + "/" + database;
  }

  @Override
  public Properties credentials() {
    Properties p = new Properties();
    p.setProperty("user", "root");
    p.setProperty("password", "");
    return p;
  }

  @Override
  protected void stop() throws IOException, InterruptedException {
    // The server runs under runuser when we are root: signal mariadbd itself, not only its parent.
    Path pid = dir.resolve("mysqld.pid");
    if (process.isAlive() && Files.exists(pid)) {
      run(List.of("kill", "-TERM", Files.readString(pid).strip()), 10, dir);
    }
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}

package dev.borealis.compat.real;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A PostgreSQL server from Debian's package ({@code /usr/lib/postgresql/N/bin}, the newest N): {@code initdb} with
 * trust authentication, then {@code pg_ctl start} on 127.0.0.1 and a free port; stopped with {@code pg_ctl stop -m
 * fast}. Settings are the package defaults ({@code fsync} and {@code synchronous_commit} on), except the locale: C,
 * so that text sorts the same on every machine whatever its environment (differential tests compare orderings).
 */
public final class LocalPostgres extends LocalServer {

  private static final String SERVICE_USER = "postgres";
  private final Path bin;
  private final String version;

  private LocalPostgres(Path dir, int port, Path bin, String version) {
    super(dir, port);
    this.bin = bin;
    this.version = version;
  }

  public static LocalPostgres start() throws Unavailable, IOException, InterruptedException {
    Path bin = findBin().orElseThrow(() -> new Unavailable(
        "skipped: not installed (no /usr/lib/postgresql/*/bin/pg_ctl; Debian package 'postgresql')"));
    Path dir = tempDir("borealis-real-pg", SERVICE_USER);
    int port = freePort();
    LocalPostgres pg = new LocalPostgres(dir, port, bin, bin.getParent().getFileName().toString());
    try {
      Path data = dir.resolve("data");
      run(as(SERVICE_USER, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
          "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync")), 120, dir);
      run(as(SERVICE_USER, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
          dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
          "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start")), 90, dir);
      return pg;
    } catch (IOException e) {
      deleteTree(dir);
      throw new Unavailable("skipped: PostgreSQL " + pg.version + " did not start: " + e.getMessage());
    }
  }

  private static Optional<Path> findBin() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions.map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("pg_ctl")) && Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparingInt(LocalPostgres::majorVersion));
    }
  }

  private static int majorVersion(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  @Override
  public String name() {
    return "PostgreSQL " + version;
  }

  @Override
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  @Override
  public Properties credentials() {
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    return p;
  }

  @Override
  protected void stop() throws IOException, InterruptedException {
    run(as(SERVICE_USER, List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m",
        "fast", "-w", "stop")), 60, dir);
  }
}

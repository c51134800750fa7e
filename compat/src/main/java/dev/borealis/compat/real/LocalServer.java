package dev.borealis.compat.real;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real database server started from the machine's packages for a benchmark run or a differential test, in a
 * temporary directory on a free loopback port, with the package's default durability settings; {@link #close()}
 * stops it and deletes the directory. This is the project's one way to start a real server (the benchmarks and the
 * compat harness both use it). The servers refuse to run as root, so when this JVM is root every server command runs as the
 * package's service user through {@code runuser}.
 */
public abstract class LocalServer implements AutoCloseable {

  /**
   * Thrown when the server's package is not installed (or cannot start): a benchmark prints it and goes on, a test
   * turns it into a skipped assumption.
   */
  public static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    public Unavailable(String message) {
      super(message);
    }
  }

  protected final Path dir;
  protected final int port;

  protected LocalServer(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** What it is, for reports: {@code PostgreSQL 15}, {@code MariaDB 10.11.14}. */
  public abstract String name();

  /** The loopback port it listens on. */
  public final int port() {
    return port;
  }

  public abstract String jdbcUrl(String database);

  public abstract Properties credentials();

  protected abstract void stop() throws IOException, InterruptedException;

  @Override
  public final void close() throws IOException, InterruptedException {
    try {
      stop();
    } finally {
      deleteTree(dir);
    }
  }

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
      return s.getLocalPort();
    }
  }

  /** A temporary directory the service user may write when we are root. */
  static Path tempDir(String prefix, String serviceUser) throws IOException, InterruptedException {
    Path d = Files.createTempDirectory(prefix);
    if (isRoot()) {
      run(List.of("chown", serviceUser + ":" + serviceUser, d.toString()), 30, d);
    }
    return d;
  }

  /** The command as the service user when root; as ourselves otherwise. */
  static List<String> as(String serviceUser, List<String> command) {
    if (!isRoot()) {
      return command;
    }
    List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", serviceUser, "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  /** Runs a command to completion; its output goes to a log in {@code dir} and is quoted when it fails. */
  static void run(List<String> command, int timeoutSeconds, Path dir) throws IOException, InterruptedException {
    Path log = Files.createTempFile(dir.getParent(), "server-cmd", ".log");
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("'" + String.join(" ", command) + "' did not finish within " + timeoutSeconds + " s");
      }
      if (p.exitValue() != 0) {
        throw new IOException("'" + String.join(" ", command) + "' exited with " + p.exitValue() + ": "
            + tail(Files.readString(log, StandardCharsets.UTF_8)));
      }
    } finally {
      Files.deleteIfExists(log);
    }
  }

  static String tail(String text) {
    return text.length() <= 600 ? text.strip() : "…" + text.substring(text.length() - 600).strip();
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

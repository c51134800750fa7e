package dev.borealis.compat;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.borealis.cluster.Engine;
import dev.borealis.compat.real.LocalMariaDb;
import dev.borealis.compat.real.LocalPostgres;
import dev.borealis.compat.real.LocalServer;
import dev.borealis.compat.run.EmbeddedServer;
import dev.borealis.compat.run.Target;
import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The servers of one test JVM, started on first use and shared by every test class: per engine, a real server
 * (MariaDB 10.11 for MySQL, PostgreSQL 15) and an embedded cluster. A JVM shutdown hook stops them all and deletes
 * the real servers' directories. A missing server package skips the calling test, saying which package to install;
 * the failure to start is remembered, so it is not retried by every test.
 */
final class SharedServers {

  private static final Logger LOG = Logger.getLogger(SharedServers.class.getName());
  private static final Map<Engine, Object> REAL = new EnumMap<>(Engine.class);
  private static final Map<Engine, EmbeddedServer> EMBEDDED = new EnumMap<>(Engine.class);
  private static boolean hooked;

  private SharedServers() {
  }

  /** The real server's target, or the test is skipped (assumption) when the server cannot run here. */
  static synchronized Target real(Engine engine) {
    Object server = REAL.computeIfAbsent(engine, SharedServers::startReal);
    assumeTrue(server instanceof LocalServer, () -> engine.displayName() + " differential tests " + server);
    LocalServer s = (LocalServer) server;
    String base = s.jdbcUrl("");
    return new Target(s.name(), engine, base.substring(0, base.length() - 1), s.credentials());
  }

  static synchronized Target embedded(Engine engine) throws java.io.IOException {
    EmbeddedServer server = EMBEDDED.get(engine);
    if (server == null) {
      server = EmbeddedServer.start(engine);
      EMBEDDED.put(engine, server);
      hook();
    }
    return server.target();
  }

  private static Object startReal(Engine engine) {
    try {
      LocalServer s = engine == Engine.MYSQL ? LocalMariaDb.start() : LocalPostgres.start();
      hook();
      return s;
    } catch (LocalServer.Unavailable e) {
      return e.getMessage();
    } catch (java.io.IOException e) {
      return "skipped: could not start: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "skipped: interrupted while starting";
    }
  }

  private static void hook() {
    if (!hooked) {
      hooked = true;
      Runtime.getRuntime().addShutdownHook(new Thread(SharedServers::stopAll, "compat-servers-shutdown"));
    }
  }

  private static synchronized void stopAll() {
    for (EmbeddedServer s : EMBEDDED.values()) {
      s.close();
    }
    for (Object s : REAL.values()) {
      if (s instanceof LocalServer server) {
        try {
          server.close();
        } catch (Exception e) {
          LOG.log(Level.WARNING, "could not stop " + server.name() + ": " + e.getMessage(), e);
        }
      }
    }
  }
}

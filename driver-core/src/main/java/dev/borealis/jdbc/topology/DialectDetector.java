package dev.borealis.jdbc.topology;

import dev.borealis.jdbc.spi.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Logger;

/** Picks the dialect: the configured one, else the first of the engine's (most specific first) that matches. */
final class DialectDetector {

  private static final Logger LOG = Logger.getLogger(DialectDetector.class.getName());

  private DialectDetector() {
  }

  static Dialect detect(ClusterSettings settings, Connection conn) throws SQLException {
    List<Dialect> dialects = settings.engine().dialects();
    if (settings.dialectCode() != null) {
      return dialects.stream().filter(d -> d.code().equalsIgnoreCase(settings.dialectCode())).findFirst()
          .orElseThrow(() -> new SQLException("property 'dialect' has invalid value '" + settings.dialectCode()
              + "': must be one of " + dialects.stream().map(Dialect::code).toList(), "HY024"));
    }
    for (int i = 0; i < dialects.size() - 1; i++) {
      Dialect d = dialects.get(i);
      try {
        if (d.isDialectOf(conn)) {
          return d;
        }
      } catch (SQLException e) {
        // A probe query the server does not know simply means "not this flavour".
        LOG.finer(() -> "dialect " + d.code() + " probe failed: " + e.getMessage());
      }
    }
    return dialects.get(dialects.size() - 1);
  }
}

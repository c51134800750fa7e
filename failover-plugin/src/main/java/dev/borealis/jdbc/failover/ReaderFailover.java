package dev.borealis.jdbc.failover;

import dev.borealis.jdbc.spi.HostRole;
import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.spi.PluginContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Reader failover: another reader picked by the connection's reader selector among those the topology lists,
 * each tried once per round; then the writer when allowed (reader-or-writer), else the next round (strict-reader)
 * until the deadline.
 */
final class ReaderFailover {

  private final PluginContext context;
  private final FailoverSettings settings;
  private final FailoverPlugin.WriterFinder writerFinder;

  ReaderFailover(PluginContext context, FailoverSettings settings, FailoverPlugin.WriterFinder writerFinder) {
    this.context = context;
    this.settings = settings;
    this.writerFinder = writerFinder;
  }

  FailoverPlugin.Target connect(HostSpec lost, boolean writerAllowed, long deadline) throws SQLException {
    List<String> failures = new ArrayList<>();
    long pauseMs = settings.search().intervalMs();
    while (System.nanoTime() - deadline < 0) {
      FailoverPlugin.Target t = anyReader(lost, failures, deadline);
      if (t != null) {
        return t;
      }
      if (writerAllowed) {
        return writerFinder.writer(lost, deadline);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pauseMs));
      pauseMs = Math.min(settings.search().maxIntervalMs(), pauseMs * 3 / 2);
      readTopology();
    }
    throw new SQLException("cluster " + context.clusterId() + ": no reader reachable before the deadline "
        + failures, "08001");
  }

  private FailoverPlugin.Target anyReader(HostSpec lost, List<String> failures, long deadline) {
    List<HostSpec> candidates = new ArrayList<>(context.topology().readers());
    candidates.removeIf(h -> h.sameAddress(lost));
    while (!candidates.isEmpty() && System.nanoTime() - deadline < 0) {
      HostSpec pick = context.readerSelector().select(candidates);
      try {
        Connection c = context.connect(pick, settings.connectBoundMs(deadline));
        return new FailoverPlugin.Target(c, pick.withRole(HostRole.READER));
      } catch (SQLException e) {
        failures.add(pick.hostAndPort() + ": " + e.getMessage());
        candidates.remove(pick);
      }
    }
    return null;
  }

  private void readTopology() {
    try {
      context.refreshTopology();
    } catch (SQLException e) {
      // The next round tries the topology we have.
    }
  }
}

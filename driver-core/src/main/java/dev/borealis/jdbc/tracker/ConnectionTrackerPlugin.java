package dev.borealis.jdbc.tracker;

import dev.borealis.jdbc.spi.HostRole;
import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.spi.JdbcMethod;
import dev.borealis.jdbc.spi.Plugin;
import dev.borealis.jdbc.spi.PluginContext;
import dev.borealis.jdbc.spi.Topology;
import java.sql.Connection;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Records where this logical connection's current physical connection sits; when a failover demotes the writer,
 * closes every tracked connection still on it, so no application keeps writing to an instance that now refuses
 * writes (or, worse, to a zombie that still accepts them until fenced). The closed connections fail on their next
 * call with a connection error, which the failover plugin handles.
 */
final class ConnectionTrackerPlugin implements Plugin {

  static final String CODE = "connectionTracker";
  private static final Logger LOG = Logger.getLogger(ConnectionTrackerPlugin.class.getName());

  private final PluginContext context;
  private final String clusterId;
  private Connection tracked;
  private HostSpec trackedHost;

  ConnectionTrackerPlugin(PluginContext context, String clusterId) {
    this.context = context;
    this.clusterId = clusterId;
  }

  @Override
  public String code() {
    return CODE;
  }

  @Override
  public Set<JdbcMethod> subscriptions() {
    return Set.of();
  }

  @Override
  public synchronized void connectionChanged(HostSpec previous, HostSpec current) {
    if (tracked != null) {
      ConnectionTracker.untrack(clusterId, trackedHost, tracked);
    }
    tracked = context.currentConnection();
    trackedHost = current;
    ConnectionTracker.track(clusterId, current, tracked);
  }

  @Override
  public void hostListChanged(Topology previous, Topology current) {
    previous.writer().ifPresent(oldWriter -> {
      boolean demoted = current.find(oldWriter).map(h -> h.role() != HostRole.WRITER).orElse(true);
      if (demoted && current.writer().isPresent()) {
        int n = ConnectionTracker.closeAll(clusterId, oldWriter);
        if (n > 0) {
          LOG.info(() -> "cluster " + clusterId + ": closed " + n + " connections left on demoted writer "
              + oldWriter.hostAndPort() + " (new writer " + current.writer().get().hostAndPort() + ")");
        }
      }
    });
  }

  @Override
  public synchronized void close() {
    if (tracked != null) {
      ConnectionTracker.untrack(clusterId, trackedHost, tracked);
      tracked = null;
    }
  }
}

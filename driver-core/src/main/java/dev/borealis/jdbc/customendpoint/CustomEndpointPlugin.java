package dev.borealis.jdbc.customendpoint;

import dev.borealis.jdbc.config.BorealisConfig;
import dev.borealis.jdbc.config.Property;
import dev.borealis.jdbc.spi.Chain;
import dev.borealis.jdbc.spi.ConnectChain;
import dev.borealis.jdbc.spi.HostRole;
import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.spi.JdbcMethod;
import dev.borealis.jdbc.spi.Plugin;
import dev.borealis.jdbc.spi.PluginContext;
import dev.borealis.jdbc.spi.Topology;
import dev.borealis.jdbc.topology.AuroraEndpoints;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Keeps a connection made through an Aurora custom endpoint inside the endpoint's members. On the first connect it
 * joins the endpoint's shared {@link EndpointMonitor} and narrows the connection's topology to the members
 * ({@link PluginContext#restrictTopology}), so read/write splitting and failover only pick members; the connection
 * the endpoint's DNS gave is replaced when it is not a member (stale DNS). When the member list changes, the
 * connection leaves an instance that is no longer a member at its next statement creation outside a transaction.
 */
final class CustomEndpointPlugin implements Plugin {

  static final String CODE = "customEndpoint";
  private static final Logger LOG = Logger.getLogger(CustomEndpointPlugin.class.getName());
  private static final Set<JdbcMethod> SUBSCRIPTIONS = Set.of(JdbcMethod.CONNECTION_CREATE_STATEMENT,
      JdbcMethod.CONNECTION_PREPARE_STATEMENT, JdbcMethod.CONNECTION_PREPARE_CALL, JdbcMethod.CONNECTION_SET_READ_ONLY);

  private final PluginContext context;
  /** Volatile: the topology view runs on whichever thread asks for the topology (failover, the refresher). */
  private volatile EndpointMonitor monitor;
  private String monitorKey;
  private long seenVersion;

  CustomEndpointPlugin(PluginContext context) {
    this.context = context;
  }

  @Override
  public String code() {
    return CODE;
  }

  @Override
  public Set<JdbcMethod> subscriptions() {
    return SUBSCRIPTIONS;
  }

  @Override
  public Connection connect(ConnectChain chain) throws SQLException {
    if (monitor == null) {
      join(chain.host());
    }
    Connection c = chain.proceed(chain.host());
    return chain.initial() ? member(chain, c) : c;
  }

  /**
   * Statement creation: leave an instance that left the set first, so the statement is made on a member.
   * {@code setReadOnly}: after read/write splitting switched, check where it went — it may reuse a connection it
   * cached before the list changed.
   */
  @Override
  public Object intercept(Chain chain) throws SQLException {
    if (chain.method() == JdbcMethod.CONNECTION_SET_READ_ONLY) {
      Object result = chain.proceed();
      leaveIfOutside(true);
      return result;
    }
    leaveIfOutside(false);
    return chain.proceed();
  }

  private void leaveIfOutside(boolean always) throws SQLException {
    EndpointMonitor m = monitor;
    if (m == null || context.inTransaction()) {
      return;
    }
    long version = m.version();
    if (!always && version == seenVersion) {
      return;
    }
    seenVersion = version;
    HostSpec current = context.currentHost();
    EndpointInfo info = m.info();
    if (info != null && !allowed(info, current)) {
      move(info, current);
    }
  }

  @Override
  public void close() {
    if (monitorKey != null) {
      context.restrictTopology(java.util.function.UnaryOperator.identity());
      EndpointMonitors.release(monitorKey);
      monitorKey = null;
      monitor = null;
    }
  }

  // ---- first connect -----------------------------------------------------------------------------------------

  private void join(HostSpec urlHost) throws SQLException {
    BorealisConfig config = context.config();
    String name = endpointName(urlHost);
    String url = config.get(CustomEndpointProperties.INFO_URL);
    if (url == null) {
      throw invalid(CustomEndpointProperties.INFO_URL, "is required: the base URL of the service that describes "
          + "custom endpoint " + name + " (for the embedded cluster, its admin API URL)");
    }
    String tokenFile = config.get(CustomEndpointProperties.INFO_TOKEN_FILE);
    long refreshMs = config.get(CustomEndpointProperties.REFRESH_RATE_MS);
    DescribeClient client;
    try {
      client = new DescribeClient(url, name, tokenFile == null ? null : Path.of(tokenFile), timeoutMs(refreshMs));
    } catch (IllegalArgumentException e) {
      throw invalid(CustomEndpointProperties.INFO_URL, "'" + url + "' is not a usable URL (" + e.getMessage() + ")");
    }
    String key = url + "|" + name;
    monitor = EndpointMonitors.acquire(key, () -> new EndpointMonitor(name, client, refreshMs));
    monitorKey = key;
    context.restrictTopology(this::view);
    if (config.get(CustomEndpointProperties.WAIT_FOR_INFO)) {
      awaitInfo(name);
    }
    seenVersion = monitor.version();
  }

  private static int timeoutMs(long refreshMs) {
    return (int) Math.max(1_000, Math.min(10_000, refreshMs));
  }

  private String endpointName(HostSpec urlHost) throws SQLException {
    if (AuroraEndpoints.kind(urlHost.host()) != AuroraEndpoints.Kind.CUSTOM_ENDPOINT) {
      throw new SQLException(CODE + ": the URL host " + urlHost.host() + " is not an Aurora custom endpoint "
          + "(NAME.cluster-custom-ID.DOMAIN); connect through the custom endpoint or remove " + CODE
          + " from wrapperPlugins", Property.INVALID_VALUE);
    }
    String name = urlHost.host().substring(0, urlHost.host().indexOf('.')).toLowerCase(Locale.ROOT);
    if (!name.matches("[a-z][a-z0-9-]{0,62}")) {
      throw new SQLException(CODE + ": '" + name + "' in the URL host is not a custom endpoint identifier (1-63 "
          + "letters, digits and hyphens, starting with a letter)", Property.INVALID_VALUE);
    }
    return name;
  }

  private void awaitInfo(String name) throws SQLException {
    long timeoutMs = context.config().get(CustomEndpointProperties.WAIT_FOR_INFO_TIMEOUT_MS);
    try {
      if (monitor.await(timeoutMs) != null) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String why = monitor.lastError();
    close();
    throw new SQLException(CODE + ": no member list for custom endpoint " + name + " within " + timeoutMs
        + " ms (waitForCustomEndpointInfoTimeoutMs; last error: " + why + ")", "08001");
  }

  private static SQLException invalid(Property<?> property, String rule) {
    return new SQLException(CODE + ": " + property.name() + " " + rule, Property.INVALID_VALUE);
  }

  private Topology view(Topology topology) {
    EndpointMonitor m = monitor;
    EndpointInfo info = m == null ? null : m.info();
    return info == null ? topology : info.view(topology);
  }

  /**
   * The endpoint's DNS may still name an instance that has left the set (the name follows changes after the DNS
   * delay): then a member is connected instead.
   */
  private Connection member(ConnectChain chain, Connection c) throws SQLException {
    EndpointInfo info = monitor.info();
    if (info == null || context.dialect() == null || !context.topology().fromTopologyQuery()) {
      return c;
    }
    String id = context.dialect().instanceId(c);
    HostSpec landed = context.topology().hosts().stream().filter(h -> h.instanceId() != null
        && h.instanceId().equalsIgnoreCase(id)).findFirst().orElse(null);
    if (landed != null || id == null) {
      return c;
    }
    List<HostSpec> members = candidates(info, HostRole.READER);
    if (members.isEmpty()) {
      return c;
    }
    HostSpec pick = context.readerSelector().select(members);
    LOG.info(() -> CODE + ": " + chain.host().host() + " resolved to " + id + ", not a member of " + info
        + "; connecting to " + pick + " instead");
    Connection replacement = chain.proceed(pick);
    closeQuietly(c);
    return replacement;
  }

  // ---- membership changes --------------------------------------------------------------------------------------

  private boolean allowed(EndpointInfo info, HostSpec host) {
    HostSpec known = context.topology().find(host).orElse(null);
    return known != null && info.allows(known) || host.instanceId() == null;
  }

  private void move(EndpointInfo info, HostSpec current) throws SQLException {
    List<HostSpec> targets = candidates(info, current.role());
    if (targets.isEmpty()) {
      LOG.warning(() -> CODE + ": " + current + " left " + info + " but no member is available; staying");
      return;
    }
    HostSpec pick = targets.size() == 1 ? targets.get(0) : context.readerSelector().select(targets);
    Connection previous = context.currentConnection();
    Connection next = context.connect(pick);
    try {
      context.switchConnection(next, pick);
    } catch (SQLException e) {
      closeQuietly(next);
      throw e;
    }
    LOG.info(() -> CODE + ": " + current + " left " + info + "; moved to " + pick);
    closeQuietly(previous);
  }

  /** Members to go to: readers for a reader (or a READER endpoint), else the writer, else any member. */
  private List<HostSpec> candidates(EndpointInfo info, HostRole role) {
    Topology members = info.view(context.topology());
    if (role == HostRole.WRITER && members.writer().isPresent()) {
      return List.of(members.writer().get());
    }
    List<HostSpec> readers = members.readers();
    return readers.isEmpty() ? members.hosts() : readers;
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      LOG.fine(() -> "closing a connection outside the custom endpoint: " + e.getMessage());
    }
  }
}

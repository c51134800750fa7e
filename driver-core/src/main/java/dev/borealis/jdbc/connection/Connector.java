package dev.borealis.jdbc.connection;

import dev.borealis.jdbc.config.BorealisConfig;
import dev.borealis.jdbc.config.ConnectionUrl;
import dev.borealis.jdbc.config.CoreProperties;
import dev.borealis.jdbc.config.Property;
import dev.borealis.jdbc.selection.HostSelectors;
import dev.borealis.jdbc.spi.CredentialSource;
import dev.borealis.jdbc.spi.Dialect;
import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.spi.PluginFactory;
import dev.borealis.jdbc.spi.TargetEngine;
import dev.borealis.jdbc.topology.AuroraEndpoints;
import dev.borealis.jdbc.topology.ClusterRegistry;
import dev.borealis.jdbc.topology.ClusterSettings;
import dev.borealis.jdbc.topology.ClusterTopology;
import dev.borealis.jdbc.topology.InstanceHostNames;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The connect pipeline from URL to open logical connection. Properties: the {@code Properties} argument first,
 * then the URL's query parameters, which win on conflicts.
 */
public final class Connector {

  private Connector() {
  }

  public static Connection connect(String url, Properties info) throws SQLException {
    ConnectionUrl parsed = ConnectionUrl.parse(url);
    Extensions ext = Extensions.get();
    TargetEngine engine = ext.engine(parsed.target());
    if (engine == null) {
      throw new SQLException("no Borealis module for target '" + parsed.target() + "' on the class path (available: "
          + ext.engineSchemes() + "); add dev.borealis:driver-" + parsed.target(), "08001");
    }
    BorealisConfig config = BorealisConfig.parse(merge(info, parsed.properties()), knownProperties(ext));
    List<PluginFactory> factories = selectPlugins(config, ext);
    checkDialect(config, engine);
    List<HostSpec> hosts = parsed.hostSpecs(engine.defaultPort());
    CredentialSource credentials = credentials(config, engine, factories);
    ClusterSettings settings = settings(config, engine, parsed, hosts, credentials);
    ClusterTopology cluster = ClusterRegistry.acquire(settings.id(),
        () -> new ClusterTopology(settings, System::nanoTime));
    try {
      return LogicalConnection.open(config, cluster, engine, parsed.database(), hosts, factories, credentials)
          .appConnection();
    } catch (SQLException | RuntimeException e) {
      ClusterRegistry.release(cluster);
      throw e;
    }
  }

  /**
   * {@code info} as strings, then the URL's properties over it. {@code Properties.getProperty} skips values that are
   * not Strings, which would let {@code put("failoverTimeoutMs", -5)} bypass validation: numbers and booleans are
   * taken as their string form and validated like it, any other key or value type is refused.
   */
  static Map<String, String> merge(Properties info, Map<String, String> fromUrl) throws SQLException {
    Map<String, String> merged = new LinkedHashMap<>();
    if (info != null) {
      for (Map.Entry<Object, Object> e : info.entrySet()) {
        merged.put(key(e.getKey()), value(e.getKey(), e.getValue()));
      }
      for (String k : info.stringPropertyNames()) {
        merged.putIfAbsent(k, info.getProperty(k)); // defaults of the Properties object
      }
    }
    merged.putAll(fromUrl);
    return merged;
  }

  private static String key(Object key) throws SQLException {
    if (key instanceof String s) {
      return s;
    }
    throw new SQLException("connection properties: a key of type " + key.getClass().getName()
        + " is not a String (only String keys name properties)", Property.INVALID_VALUE);
  }

  private static String value(Object key, Object value) throws SQLException {
    if (value instanceof String || value instanceof Number || value instanceof Boolean
        || value instanceof Character) {
      return String.valueOf(value);
    }
    throw new SQLException("connection property '" + key + "' has a value of type " + value.getClass().getName()
        + ": must be a String (or a Number or Boolean, taken as its string form)", Property.INVALID_VALUE);
  }

  private static List<Property<?>> knownProperties(Extensions ext) {
    List<Property<?>> known = new ArrayList<>(CoreProperties.all());
    ext.allPlugins().forEach(f -> known.addAll(f.properties()));
    return known;
  }

  /** The factories named by {@code wrapperPlugins} (or the default set), in chain order. */
  static List<PluginFactory> selectPlugins(BorealisConfig config, Extensions ext) throws SQLException {
    String codes = config.get(CoreProperties.WRAPPER_PLUGINS);
    List<PluginFactory> selected = new ArrayList<>();
    if (codes == null) {
      ext.allPlugins().stream().filter(PluginFactory::enabledByDefault).forEach(selected::add);
    } else {
      Set<String> seen = new LinkedHashSet<>();
      for (String raw : codes.split(",")) {
        String code = raw.trim();
        if (code.isEmpty()) {
          continue;
        }
        PluginFactory f = ext.plugin(code);
        if (f == null) {
          throw new SQLException("property 'wrapperPlugins' names unknown plugin '" + code + "' (available: "
              + ext.allPlugins().stream().map(PluginFactory::code).collect(Collectors.joining(", ")) + ")", "HY024");
        }
        if (!seen.add(code)) {
          throw new SQLException("property 'wrapperPlugins' names plugin '" + code + "' twice", "HY024");
        }
        selected.add(f);
      }
    }
    selected.sort(Comparator.comparing(PluginFactory::stage));
    return selected;
  }

  private static void checkDialect(BorealisConfig config, TargetEngine engine) throws SQLException {
    String code = config.get(CoreProperties.DIALECT);
    if (code == null) {
      return;
    }
    List<String> codes = engine.dialects().stream().map(Dialect::code).toList();
    if (codes.stream().noneMatch(code::equalsIgnoreCase)) {
      throw new SQLException("property 'dialect' has invalid value '" + code + "': must be one of " + codes
          + " for target '" + engine.scheme() + "'", "HY024");
    }
  }

  /** The one selected plugin that supplies credentials (a secret store, IAM tokens), or null. */
  static CredentialSource credentials(BorealisConfig config, TargetEngine engine, List<PluginFactory> factories)
      throws SQLException {
    CredentialSource found = null;
    String foundCode = null;
    for (PluginFactory f : factories) {
      CredentialSource c = f.credentials(config, engine);
      if (c != null && found != null) {
        throw new SQLException("property 'wrapperPlugins': plugins '" + foundCode + "' and '" + f.code()
            + "' both supply the credentials; enable only one of them", "HY024");
      }
      if (c != null) {
        found = c;
        foundCode = f.code();
      }
    }
    return found;
  }

  private static ClusterSettings settings(BorealisConfig config, TargetEngine engine, ConnectionUrl url,
      List<HostSpec> hosts, CredentialSource credentials) {
    HostSpec first = hosts.get(0);
    InstanceHostNames names = InstanceHostNames.of(config.get(CoreProperties.CLUSTER_INSTANCE_HOST_PATTERN),
        config.get(CoreProperties.CLUSTER_INSTANCE_HOST_MAP), first.host(), first.port());
    return new ClusterSettings(clusterId(config, engine, url, hosts), engine, url.database(), hosts,
        config.targetProperties(), config.get(CoreProperties.DIALECT), names,
        config.get(CoreProperties.TOPOLOGY_REFRESH_MS),
        HostSelectors.parseWeights(config.get(CoreProperties.HOST_WEIGHTS)), credentials);
  }

  /** Cluster and reader endpoints of one Aurora cluster share an id; otherwise the URL's host list is the id. */
  static String clusterId(BorealisConfig config, TargetEngine engine, ConnectionUrl url, List<HostSpec> hosts) {
    if (config.isSet(CoreProperties.CLUSTER_ID)) {
      return config.get(CoreProperties.CLUSTER_ID);
    }
    HostSpec first = hosts.get(0);
    String base = AuroraEndpoints.clusterName(first.host()).map(n -> n + ":" + first.port())
        .orElseGet(() -> hosts.stream().map(HostSpec::hostAndPort).sorted().collect(Collectors.joining(",")));
    return engine.scheme() + "://" + base + "/" + url.database();
  }
}

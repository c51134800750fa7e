package dev.borealis.jdbc.topology;

import dev.borealis.jdbc.spi.CredentialSource;
import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.spi.TargetEngine;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What a cluster's host list provider needs, taken from the first connection that names the cluster; later
 * connections to the same cluster id share it (their own settings for these properties do not apply).
 *
 * @param id               cluster id (the cache key)
 * @param engine           the target engine
 * @param database         database for the provider's own connections
 * @param urlHosts         the URL's hosts (plain-replication dialects probe these)
 * @param targetProperties credentials and driver settings for the provider's own connections
 * @param dialectCode      configured dialect, or null to detect
 * @param names            instance id to hostname rule
 * @param refreshMs        background refresh interval
 * @param weights          round-robin weights by instance id or host
 * @param credentials      what the provider's own connections log in with (a plugin's), or null for the URL's
 */
public record ClusterSettings(String id, TargetEngine engine, String database, List<HostSpec> urlHosts,
    Map<String, String> targetProperties, String dialectCode, InstanceHostNames names, long refreshMs,
    Map<String, Integer> weights, CredentialSource credentials) {

  public ClusterSettings {
    urlHosts = List.copyOf(urlHosts);
    targetProperties = Map.copyOf(targetProperties);
    weights = Map.copyOf(weights);
  }

  /** The target properties for a connection to {@code host}, with the plugin-supplied credentials applied. */
  Properties newTargetProperties(HostSpec host) throws SQLException {
    Properties p = new Properties();
    p.putAll(targetProperties);
    if (credentials != null) {
      credentials.apply(host, p);
    }
    return p;
  }

  @Override
  public String toString() {
    return "cluster " + id;
  }
}

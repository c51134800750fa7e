package dev.borealis.jdbc.spring;

import dev.borealis.jdbc.config.ConnectionUrl;
import dev.borealis.jdbc.connection.Extensions;
import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.spi.TargetEngine;
import dev.borealis.jdbc.topology.AuroraEndpoints;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The id under which the driver files a data source's cluster in {@code ClusterRegistry}. The driver keeps this rule
 * in its connector and exposes no lookup by URL, so it is restated here; StarterTest proves both agree by finding the
 * cluster the pool's connections use.
 */
final class ClusterIds {

  private ClusterIds() {
  }

  static Optional<String> of(String url, Properties dataSourceProperties) {
    ConnectionUrl parsed;
    try {
      parsed = ConnectionUrl.parse(url);
    } catch (SQLException e) {
      return Optional.empty();
    }
    String explicit = explicitId(parsed, dataSourceProperties);
    if (explicit != null) {
      return Optional.of(explicit);
    }
    TargetEngine engine = Extensions.get().engine(parsed.target());
    if (engine == null) {
      return Optional.empty();
    }
    List<HostSpec> hosts = parsed.hostSpecs(engine.defaultPort());
    HostSpec first = hosts.get(0);
    String base = AuroraEndpoints.clusterName(first.host()).map(n -> n + ":" + first.port())
        .orElseGet(() -> hosts.stream().map(HostSpec::hostAndPort).sorted().collect(Collectors.joining(",")));
    return Optional.of(engine.scheme() + "://" + base + "/" + parsed.database());
  }

  private static String explicitId(ConnectionUrl url, Properties props) {
    for (String key : List.of("clusterId", "borealis.clusterId")) {
      String v = url.properties().get(key);
      if (v == null && props != null) {
        v = props.getProperty(key);
      }
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }
}

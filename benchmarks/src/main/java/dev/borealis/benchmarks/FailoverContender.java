package dev.borealis.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import dev.borealis.cluster.Engine;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * What writes through the pool in the failover benchmark: a URL, the driver properties a user would give it, and the
 * HikariCP exception override its documentation asks for. Every contender connects to the cluster (writer) endpoint
 * by its Aurora-shaped hostname.
 */
enum FailoverContender {

  /** Borealis with its default plugins (failover and failure monitoring on) and its HikariCP exception override. */
  BOREALIS("borealis", "Borealis (defaults)", "jdbc:borealis:", "dev.borealis.jdbc.hikari.BorealisExceptionOverride"),

  /**
   * The AWS Advanced JDBC Wrapper 4.3.0 with its default plugins ({@code initialConnection, auroraConnectionTracker,
   * failover2, efm2}) and the exception override its failover documentation gives for HikariCP
   * (docs/using-the-jdbc-driver/using-plugins/UsingTheFailoverPlugin.md, "Connection Pooling"). {@code clusterId} is
   * the one property added: the wrapper caches topology by it, and one run serves several clusters.
   */
  AWS_DEFAULTS("aws-defaults", "AWS wrapper (defaults)", "jdbc:aws-wrapper:", AwsNames.HIKARI_OVERRIDE) {
    @Override
    Properties properties(Engine engine, String clusterName) {
      Properties p = super.properties(engine, clusterName);
      p.setProperty("clusterId", clusterName);
      return p;
    }
  },

  /**
   * The AWS wrapper with its documented aggressive settings, all in milliseconds (the wrapper converts its timeouts to
   * pgJDBC's seconds itself):
   * <ul>
   *   <li>the "aggressive failover time profile" of docs/using-the-jdbc-driver/FailoverConfigurationGuide.md
   *   (https://github.com/aws/aws-advanced-jdbc-wrapper/blob/main/docs/using-the-jdbc-driver/FailoverConfigurationGuide.md):
   *   failoverTimeoutMs 30000, failoverWriterReconnectIntervalMs 2000, failoverReaderConnectTimeoutMs 10000,
   *   failoverClusterTopologyRefreshRateMs 2000 (the last three are read by the v1 {@code failover} plugin; the
   *   default {@code failover2} reads {@code clusterTopologyRefreshRateMs}, set to the same 2000, and polls at its
   *   default high rate of 100 ms during a failover);</li>
   *   <li>enhanced failure monitoring "reduced" as docs/using-the-jdbc-driver/using-plugins/UsingTheHostMonitoringPlugin.md
   *   says to for a more aggressive approach: failureDetectionTime 500, failureDetectionInterval 500,
   *   failureDetectionCount 2 (close to Borealis's defaults), with the non-zero {@code monitoring-} connect and socket
   *   timeouts that page warns are required (1000);</li>
   *   <li>connect and socket timeouts of 3000, as the most aggressive of its configuration presets, {@code A2}
   *   (docs/using-the-jdbc-driver/ConfigurationPresets.md, DriverConfigurationProfiles.java).</li>
   * </ul>
   */
  AWS_AGGRESSIVE("aws-aggressive", "AWS wrapper (aggressive)", "jdbc:aws-wrapper:", AwsNames.HIKARI_OVERRIDE) {
    @Override
    Properties properties(Engine engine, String clusterName) {
      Properties p = AWS_DEFAULTS.properties(engine, clusterName);
      String[] settings = {
        "failoverTimeoutMs", "30000", "failoverWriterReconnectIntervalMs", "2000",
        "failoverReaderConnectTimeoutMs", "10000", "failoverClusterTopologyRefreshRateMs", "2000",
        "clusterTopologyRefreshRateMs", "2000",
        "failureDetectionTime", "500", "failureDetectionInterval", "500", "failureDetectionCount", "2",
        "monitoring-connectTimeout", "1000", "monitoring-socketTimeout", "1000",
        "connectTimeout", "3000", "socketTimeout", "3000"};
      for (int i = 0; i < settings.length; i += 2) {
        p.setProperty(settings[i], settings[i + 1]);
      }
      return p;
    }
  },

  /**
   * The bare target driver on the cluster endpoint, which follows the writer only after the cluster's DNS delay. It
   * needs timeouts a user would have to choose: without a socket timeout a connection to a silent (blackholed) writer
   * waits forever. Connect 2 s, socket 5 s (Connector/J in milliseconds, pgJDBC in seconds).
   */
  RAW("raw", "raw driver, cluster endpoint", "jdbc:", null) {
    @Override
    Properties properties(Engine engine, String clusterName) {
      Properties p = super.properties(engine, clusterName);
      boolean mysql = engine == Engine.MYSQL;
      p.setProperty("connectTimeout", mysql ? "2000" : "2");
      p.setProperty("socketTimeout", mysql ? "5000" : "5");
      return p;
    }

    @Override
    String label(Engine engine) {
      return "raw " + Engines.driverName(engine) + ", cluster endpoint";
    }
  };

  /** The AWS wrapper's documented HikariCP override, in a holder: enum constants precede the enum's own fields. */
  private static final class AwsNames {
    static final String HIKARI_OVERRIDE = "software.amazon.jdbc.util.HikariCPSQLException";
  }

  private final String key;
  private final String label;
  private final String prefix;
  private final String exceptionOverride;

  FailoverContender(String key, String label, String prefix, String exceptionOverride) {
    this.key = key;
    this.label = label;
    this.prefix = prefix;
    this.exceptionOverride = exceptionOverride;
  }

  /** {@code jdbc:…:postgresql} / {@code jdbc:…:mysql}. */
  String scheme(Engine engine) {
    return prefix + Engines.scheme(engine);
  }

  /** HikariCP's {@code exceptionOverrideClassName}; null for none. */
  String exceptionOverride() {
    return exceptionOverride;
  }

  /** Driver properties, credentials included. */
  Properties properties(Engine engine, String clusterName) {
    return EndToEndBenchmark.credentials();
  }

  /**
   * Frees what the contender keeps per JVM once its pool is closed, so that no monitor of a closed cluster runs on
   * into the next scenario. The AWS wrapper keeps topology monitors and failure monitors beyond the connections that
   * started them. Its {@code Driver.releaseResources()} would stop them but fails in 4.3.0 without the optional AWS
   * SDK on the class path (NoClassDefFoundError for RdsException while clearing the custom-endpoint cache), so this
   * asks its monitor service directly to stop and forget every monitor; the next connection starts new ones.
   */
  void releaseResources() {
    if (this == AWS_DEFAULTS || this == AWS_AGGRESSIVE) {
      software.amazon.jdbc.util.CoreServicesContainer.getInstance().getMonitorService().stopAndRemoveAll();
    }
  }

  String key() {
    return key;
  }

  String label(Engine engine) {
    return label;
  }

  /** The pool settings besides the contender's URL and properties, as the output names them. */
  static String poolSettings(int size) {
    return "HikariCP: maximumPoolSize=minimumIdle=" + size + ", connectionTimeout=" + CONNECTION_TIMEOUT_MS
        + " ms, validationTimeout=" + VALIDATION_TIMEOUT_MS + " ms, other settings default";
  }

  static final long CONNECTION_TIMEOUT_MS = 5_000;
  static final long VALIDATION_TIMEOUT_MS = 2_000;

  HikariConfig poolConfig(ServedCluster served, String poolName, int size) {
    Engine engine = served.engine();
    HikariConfig config = new HikariConfig();
    config.setPoolName(poolName);
    config.setJdbcUrl(served.url(scheme(engine), Engines.database(engine)));
    config.setDataSourceProperties(properties(engine, served.name()));
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(size);
    config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
    config.setValidationTimeout(VALIDATION_TIMEOUT_MS);
    if (exceptionOverride() != null) {
      config.setExceptionOverrideClassName(exceptionOverride());
    }
    return config;
  }

  /** The properties as the output shows them: credentials left out. */
  String describe(Engine engine) {
    Properties p = properties(engine, "CLUSTER");
    p.remove("user");
    p.remove("password");
    String props = p.stringPropertyNames().stream().sorted().map(k -> k + "=" + p.getProperty(k))
        .collect(Collectors.joining(", "));
    return label(engine) + ": " + scheme(engine) + "://<cluster endpoint>/" + Engines.database(engine)
        + (props.isEmpty() ? "" : " {" + props + "}")
        + (exceptionOverride() == null ? "" : ", exceptionOverrideClassName=" + exceptionOverride());
  }

  /** Parses a comma-separated list of keys ({@code borealis,aws-defaults,aws-aggressive,raw}) or {@code all}. */
  static List<FailoverContender> parse(String value) {
    if ("all".equalsIgnoreCase(value)) {
      return List.of(values());
    }
    return Arrays.stream(value.split(",")).map(String::trim).map(FailoverContender::byKey).distinct().toList();
  }

  private static FailoverContender byKey(String key) {
    for (FailoverContender c : values()) {
      if (c.key.equalsIgnoreCase(key)) {
        return c;
      }
    }
    throw new IllegalArgumentException("--contenders: unknown contender '" + key + "' (expected all or a list of "
        + Arrays.stream(values()).map(c -> c.key).collect(Collectors.joining(", ")) + ")");
  }
}

package dev.borealis.jdbc.config;

import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.spi.UrlText;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code jdbc:borealis:<target>://[user[:password]@]host[:port][,host[:port]…][/db][?k=v&…]} URL. Hosts,
 * the database, user info and property keys and values are percent-decoded; IPv6 literals come in brackets. Parsed
 * by {@link UrlParser}, which is also the only way a URL is shown in a message ({@link #redact}).
 *
 * @param target     the engine scheme, e.g. {@code mysql}
 * @param hosts      hosts in URL order; port 0 where the URL gives none (the engine's default applies)
 * @param database   the database, possibly empty
 * @param properties the query parameters and user info, in URL order
 */
public record ConnectionUrl(String target, List<UrlHost> hosts, String database, Map<String, String> properties) {

  public static final String PREFIX = "jdbc:borealis:";
  /**
   * The SQLSTATE of every URL syntax error: the connection cannot be established. It is what {@code DriverManager}
   * reports for a URL no driver can use ("No suitable driver"), which is where pgJDBC leaves a malformed URL.
   */
  static final String URL_ERROR = "08001";

  /** A host as the URL names it. */
  public record UrlHost(String host, int port) {
    public HostSpec toSpec(int defaultPort) {
      return HostSpec.of(host, port == 0 ? defaultPort : port);
    }
  }

  public ConnectionUrl {
    hosts = List.copyOf(hosts);
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /** Whether {@code url} is in this driver's namespace (it may still be malformed). */
  public static boolean accepts(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  public List<HostSpec> hostSpecs(int defaultPort) {
    return hosts.stream().map(h -> h.toSpec(defaultPort)).toList();
  }

  /** Parses {@code url}; every problem is an SQLException (08001) that shows only the parsed, redacted part. */
  public static ConnectionUrl parse(String url) throws SQLException {
    return UrlParser.parse(url);
  }

  /**
   * {@code url} as it may appear in a message: rendered from its parsed form with every secret ({@link
   * Secrets#isSecret}) as {@code ***}; of a malformed URL only the part before the problem, the rest as {@code …}.
   */
  public static String redact(String url) {
    return UrlParser.redact(url);
  }

  static void appendHosts(StringBuilder sb, List<UrlHost> hosts) {
    for (int i = 0; i < hosts.size(); i++) {
      UrlHost h = hosts.get(i);
      sb.append(i > 0 ? "," : "")
          .append(h.host().indexOf(':') >= 0 ? "[" + h.host().replace("%", "%25") + "]" : h.host())
          .append(h.port() == 0 ? "" : ":" + h.port());
    }
  }

  /** The query part, secrets hidden; {@code user}/{@code password} left out when the user info showed them. */
  static void appendQuery(StringBuilder sb, Map<String, String> properties, boolean userInfoShown) {
    String sep = "?";
    for (Map.Entry<String, String> e : properties.entrySet()) {
      if (userInfoShown && (e.getKey().equals("user") || e.getKey().equals("password"))) {
        continue;
      }
      sb.append(sep).append(UrlText.encode(e.getKey())).append('=')
          .append(Secrets.isSecret(e.getKey()) ? "***" : UrlText.encode(e.getValue()));
      sep = "&";
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(PREFIX).append(target).append("://");
    appendHosts(sb, hosts);
    sb.append('/').append(UrlText.encode(database));
    appendQuery(sb, properties, false);
    return sb.toString();
  }
}

package dev.borealis.jdbc.config;

import dev.borealis.jdbc.spi.HostSpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parsed {@code jdbc:borealis:<target>://[user[:password]@]host[:port][,host[:port]…][/db][?k=v&…]} URL. Hosts,
 * the database, user info and property keys and values are percent-decoded; IPv6 literals come in brackets.
 *
 * @param target     the engine scheme, e.g. {@code mysql}
 * @param hosts      hosts in URL order; port 0 where the URL gives none (the engine's default applies)
 * @param database   the database, possibly empty
 * @param properties the query parameters and user info, in URL order
 */
public record ConnectionUrl(String target, List<UrlHost> hosts, String database, Map<String, String> properties) {

  public static final String PREFIX = "jdbc:borealis:";
  /** The SQLSTATE of every URL syntax error: the connection cannot be established. */
  static final String URL_ERROR = "08001";

  private static final Pattern TARGET = Pattern.compile("[a-z][a-z0-9]*");
  private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9_])?");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");

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

  public static ConnectionUrl parse(String url) throws SQLException {
    if (!accepts(url)) {
      throw error(url, "does not start with " + PREFIX);
    }
    String rest = url.substring(PREFIX.length());
    int schemeEnd = rest.indexOf("://");
    if (schemeEnd < 0) {
      throw error(url, "has no '://' after the target (expected " + PREFIX + "<target>://host…)");
    }
    String target = rest.substring(0, schemeEnd);
    if (!TARGET.matcher(target).matches()) {
      throw error(url, "has invalid target '" + target + "' (expected lower-case letters and digits, e.g. mysql)");
    }
    rest = rest.substring(schemeEnd + 3);
    if (rest.indexOf('#') >= 0) {
      throw error(url, "contains a fragment ('#'); percent-encode '#' as %23");
    }
    int query = rest.indexOf('?');
    String beforeQuery = query < 0 ? rest : rest.substring(0, query);
    int slash = beforeQuery.indexOf('/');
    String authority = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
    String database = slash < 0 ? "" : decode(url, beforeQuery.substring(slash + 1), "database");
    if (database.indexOf('/') >= 0) {
      throw error(url, "has a database name containing '/'");
    }
    Map<String, String> props = new LinkedHashMap<>();
    authority = parseUserInfo(url, authority, props);
    List<UrlHost> hosts = parseHosts(url, authority);
    if (query >= 0) {
      parseQuery(url, rest.substring(query + 1), props);
    }
    return new ConnectionUrl(target, hosts, database, props);
  }

  private static String parseUserInfo(String url, String authority, Map<String, String> props) throws SQLException {
    int at = authority.lastIndexOf('@');
    if (at < 0) {
      return authority;
    }
    String info = authority.substring(0, at);
    int colon = info.indexOf(':');
    String user = decode(url, colon < 0 ? info : info.substring(0, colon), "user");
    if (user.isEmpty()) {
      throw error(url, "has an empty user name before '@'");
    }
    props.put("user", user);
    if (colon >= 0) {
      props.put("password", decode(url, info.substring(colon + 1), "password"));
    }
    return authority.substring(at + 1);
  }

  private static List<UrlHost> parseHosts(String url, String authority) throws SQLException {
    if (authority.isEmpty()) {
      throw error(url, "names no host");
    }
    List<UrlHost> hosts = new ArrayList<>();
    for (String part : authority.split(",", -1)) {
      hosts.add(parseHost(url, part));
    }
    return hosts;
  }

  private static UrlHost parseHost(String url, String part) throws SQLException {
    if (part.isEmpty()) {
      throw error(url, "has an empty entry in its host list");
    }
    String host;
    String port = null;
    if (part.startsWith("[")) {
      int close = part.indexOf(']');
      if (close < 0) {
        throw error(url, "has an IPv6 literal without ']' in '" + part + "'");
      }
      host = decode(url, part.substring(1, close), "host");
      if (!IPV6.matcher(host).matches() || host.indexOf(':') < 0) {
        throw error(url, "has an invalid IPv6 literal '" + host + "'");
      }
      String after = part.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          throw error(url, "has unexpected text '" + after + "' after IPv6 literal [" + host + "]");
        }
        port = after.substring(1);
      }
    } else {
      int colon = part.indexOf(':');
      host = decode(url, colon < 0 ? part : part.substring(0, colon), "host");
      port = colon < 0 ? null : part.substring(colon + 1);
      if (!HOSTNAME.matcher(host).matches()) {
        throw error(url, "has invalid host name '" + host + "'" + (host.indexOf(':') >= 0
            ? " (IPv6 literals go in brackets: [::1]:3306)" : ""));
      }
    }
    return new UrlHost(host, parsePort(url, host, port));
  }

  private static int parsePort(String url, String host, String port) throws SQLException {
    if (port == null) {
      return 0;
    }
    if (!port.matches("[0-9]{1,5}")) {
      throw error(url, "has invalid port '" + port + "' for host " + host + " (expected 1-65535)");
    }
    int p = Integer.parseInt(port);
    if (p < 1 || p > 65535) {
      throw error(url, "has port " + p + " for host " + host + " outside 1-65535");
    }
    return p;
  }

  private static void parseQuery(String url, String query, Map<String, String> props) throws SQLException {
    if (query.isEmpty()) {
      return;
    }
    for (String pair : query.split("&", -1)) {
      int eq = pair.indexOf('=');
      if (pair.isEmpty() || eq <= 0) {
        throw error(url, "has a malformed property '" + pair + "' (expected key=value)");
      }
      String key = decode(url, pair.substring(0, eq), "property name");
      String value = decode(url, pair.substring(eq + 1), "value of property '" + key + "'");
      if (props.putIfAbsent(key, value) != null) {
        throw error(url, "sets property '" + key + "' twice");
      }
    }
  }

  /** Percent-decoding as in RFC 3986 ('+' stays '+'), UTF-8. */
  static String decode(String url, String s, String what) throws SQLException {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '%') {
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        continue;
      }
      if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0 || Character.digit(s.charAt(i + 2), 16) < 0) {
        throw error(url, "has an invalid percent-escape in the " + what + " (expected %XX with hex digits)");
      }
      out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
      i += 2;
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static SQLException error(String url, String problem) {
    return new SQLException("Borealis URL " + Secrets.redactUrl(url) + " " + problem, URL_ERROR);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(PREFIX).append(target).append("://");
    for (int i = 0; i < hosts.size(); i++) {
      UrlHost h = hosts.get(i);
      sb.append(i > 0 ? "," : "").append(h.host().indexOf(':') >= 0 ? "[" + h.host() + "]" : h.host())
          .append(h.port() == 0 ? "" : ":" + h.port());
    }
    sb.append('/').append(database);
    String sep = "?";
    for (Map.Entry<String, String> e : properties.entrySet()) {
      sb.append(sep).append(e.getKey()).append('=').append(Secrets.isSecret(e.getKey()) ? "***" : e.getValue());
      sep = "&";
    }
    return sb.toString();
  }
}

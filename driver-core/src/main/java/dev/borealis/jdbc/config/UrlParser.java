package dev.borealis.jdbc.config;

import dev.borealis.jdbc.config.ConnectionUrl.UrlHost;
import dev.borealis.jdbc.spi.UrlText;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one reader of Borealis URLs, for connecting and for redaction alike: a message shows the URL as far as it was
 * parsed, rendered from the parsed parts with secrets replaced, and never a piece of the raw text (a piece the parser
 * could not place might be part of a password). States, in order: target, user info, hosts, database, query; each
 * step fills its part or throws, and {@link #rendered()} shows the parts filled so far (of a query with a problem,
 * nothing).
 *
 * <p>Where the user info ends: at the first {@code @} after which a plausible host list follows; none when the text
 * before the {@code @} has {@code / ? #} in its user part or a {@code ?} followed by {@code =} or {@code &} (then the
 * {@code @} is in a query value). So {@code u:Top@Secret@h}, {@code u:Top/Secret@h}, {@code u:Top?Secret@h} and
 * {@code h/db?email=a@b.c} all parse as meant; a password with both {@code ?} and {@code =} must be percent-encoded.
 */
final class UrlParser {

  private static final Pattern TARGET = Pattern.compile("[a-z][a-z0-9]*");
  private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9_])?");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");
  private static final Pattern AUTHORITY = Pattern.compile("[A-Za-z0-9_.:,\\[\\]%-]+");
  private static final Pattern QUERY_START = Pattern.compile("\\?.*[=&]", Pattern.DOTALL);
  /** Names safe to echo in a message (anything else is described by its position). */
  private static final Pattern SHOWN_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private final String url;
  private String target;
  private boolean hasUserInfo;
  private final List<UrlHost> hosts = new ArrayList<>();
  private boolean hostsDone;
  private String database;
  private final Map<String, String> properties = new LinkedHashMap<>();
  private boolean complete;

  private UrlParser(String url) {
    this.url = url;
  }

  static ConnectionUrl parse(String url) throws SQLException {
    return new UrlParser(url).run();
  }

  /** The URL rendered from what parses, secrets as {@code ***}; an unparsed rest is shown as {@code …}. */
  static String redact(String url) {
    if (url == null) {
      return null;
    }
    UrlParser p = new UrlParser(url);
    try {
      p.run();
    } catch (SQLException e) {
      // rendered() shows the parts parsed before the problem
    }
    return p.rendered();
  }

  private ConnectionUrl run() throws SQLException {
    if (!ConnectionUrl.accepts(url)) {
      throw error("does not start with " + ConnectionUrl.PREFIX);
    }
    String rest = url.substring(ConnectionUrl.PREFIX.length());
    int schemeEnd = rest.indexOf("://");
    if (schemeEnd < 0) {
      throw error("has no '://' after the target (expected " + ConnectionUrl.PREFIX + "<target>://host…)");
    }
    if (!TARGET.matcher(rest.substring(0, schemeEnd)).matches()) {
      throw error("has an invalid target (expected lower-case letters and digits before '://', e.g. mysql)");
    }
    target = rest.substring(0, schemeEnd);
    rest = userInfo(rest.substring(schemeEnd + 3));
    if (rest.indexOf('#') >= 0) {
      throw error("contains '#' after the user info (a fragment is not allowed; percent-encode '#' as %23)");
    }
    int query = rest.indexOf('?');
    String beforeQuery = query < 0 ? rest : rest.substring(0, query);
    int slash = beforeQuery.indexOf('/');
    parseHosts(slash < 0 ? beforeQuery : beforeQuery.substring(0, slash));
    String db = slash < 0 ? "" : beforeQuery.substring(slash + 1);
    if (db.indexOf('/') >= 0) {
      throw error("has a database name containing '/' (percent-encode it as %2F)");
    }
    database = decode(db, "database name");
    if (query >= 0) {
      parseQuery(rest.substring(query + 1));
    }
    complete = true;
    return new ConnectionUrl(target, hosts, database, properties);
  }

  /** Takes the user info off the front of what follows {@code ://}; returns the rest. */
  private String userInfo(String afterScheme) throws SQLException {
    int at = userInfoEnd(afterScheme);
    if (at < 0) {
      return afterScheme;
    }
    String info = afterScheme.substring(0, at);
    int colon = info.indexOf(':');
    String user = decode(colon < 0 ? info : info.substring(0, colon), "user name");
    if (user.isEmpty()) {
      throw error("has an empty user name before '@'");
    }
    String password = colon < 0 ? null : decode(info.substring(colon + 1), "password");
    properties.put("user", user);
    if (password != null) {
      properties.put("password", password);
    }
    hasUserInfo = true;
    return afterScheme.substring(at + 1);
  }

  /** The index of the {@code @} that ends the user info, or -1 when there is none (see the class comment). */
  private int userInfoEnd(String s) throws SQLException {
    boolean sawAt = false;
    for (int at = s.indexOf('@'); at >= 0; at = s.indexOf('@', at + 1)) {
      sawAt = true;
      String info = s.substring(0, at);
      int colon = info.indexOf(':');
      String user = colon < 0 ? info : info.substring(0, colon);
      if (user.chars().anyMatch(c -> c == '/' || c == '?' || c == '#') || QUERY_START.matcher(info).find()) {
        return -1; // this '@' and every later one are past the authority: in the database or the query
      }
      if (plausibleAfterUserInfo(s.substring(at + 1))) {
        return at;
      }
    }
    if (sawAt && !plausibleAfterUserInfo(s)) {
      throw error("has user info ('…@') that no valid host list follows (percent-encode '@' in a password as %40)");
    }
    return -1;
  }

  private static boolean plausibleAfterUserInfo(String rest) {
    int end = 0;
    while (end < rest.length() && rest.charAt(end) != '/' && rest.charAt(end) != '?') {
      end++;
    }
    if (end == 0 || !AUTHORITY.matcher(rest.substring(0, end)).matches()) {
      return false;
    }
    int query = rest.indexOf('?');
    String db = rest.substring(end, query < 0 ? rest.length() : Math.max(end, query));
    return db.indexOf('@') < 0 && db.indexOf('#') < 0;
  }

  private void parseHosts(String authority) throws SQLException {
    if (authority.isEmpty()) {
      throw error("names no host");
    }
    String[] parts = authority.split(",", -1);
    for (int i = 0; i < parts.length; i++) {
      hosts.add(parseHost(parts[i], i + 1));
    }
    hostsDone = true;
  }

  private UrlHost parseHost(String part, int n) throws SQLException {
    if (part.isEmpty()) {
      throw error("has an empty entry in its host list (entry " + n + ")");
    }
    String host;
    String port = null;
    if (part.startsWith("[")) {
      int close = part.indexOf(']');
      if (close < 0) {
        throw error("has an IPv6 literal without ']' (host entry " + n + ")");
      }
      host = decode(part.substring(1, close), "host");
      if (!IPV6.matcher(host).matches() || host.indexOf(':') < 0) {
        throw error("has an invalid IPv6 literal (host entry " + n + "; expected hex digits, ':' and '.', a zone "
            + "as %25name)");
      }
      String after = part.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          throw error("has unexpected text after the IPv6 literal [" + host + "] (expected ':port')");
        }
        port = after.substring(1);
      }
    } else {
      int colon = part.indexOf(':');
      host = decode(colon < 0 ? part : part.substring(0, colon), "host");
      port = colon < 0 ? null : part.substring(colon + 1);
      if (!HOSTNAME.matcher(host).matches()) {
        throw error("has an invalid host name (host entry " + n + "; expected letters, digits, '.', '-', '_'"
            + (host.indexOf(':') >= 0 ? "; IPv6 literals go in brackets: [::1]:3306" : "") + ")");
      }
    }
    return new UrlHost(host, parsePort(host, port));
  }

  private int parsePort(String host, String port) throws SQLException {
    if (port == null) {
      return 0;
    }
    if (!port.matches("[0-9]{1,5}")) {
      throw error("has an invalid port for host " + host + " (expected a number from 1 to 65535)");
    }
    int p = Integer.parseInt(port);
    if (p < 1 || p > 65535) {
      throw error("has port " + p + " for host " + host + " outside 1-65535");
    }
    return p;
  }

  private void parseQuery(String query) throws SQLException {
    if (query.isEmpty()) {
      return;
    }
    String[] pairs = query.split("&", -1);
    for (int i = 0; i < pairs.length; i++) {
      String pair = pairs[i];
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw error("has a malformed property (query entry " + (i + 1) + " of " + pairs.length + " is "
            + (pair.isEmpty() ? "empty" : eq == 0 ? "missing its name" : "missing '='") + "; expected key=value)");
      }
      String key = decode(pair.substring(0, eq), "name of query entry " + (i + 1));
      String value = decode(pair.substring(eq + 1), "value of property " + shownKey(key, i + 1));
      if (properties.containsKey(key)) {
        throw error("sets property " + shownKey(key, i + 1) + " twice");
      }
      properties.put(key, value);
    }
  }

  private static String shownKey(String key, int n) {
    return SHOWN_KEY.matcher(key).matches() ? "'" + key + "'" : "(query entry " + n + ")";
  }

  /** Percent-decoding as in RFC 3986 ('+' stays '+'), UTF-8. */
  private String decode(String s, String what) throws SQLException {
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
        throw error("has an invalid percent-escape in the " + what + " (expected %XX with hex digits)");
      }
      out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
      i += 2;
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private SQLException error(String problem) {
    return new SQLException("Borealis URL " + rendered() + " " + problem, ConnectionUrl.URL_ERROR);
  }

  /** What parsed so far, secrets hidden; {@code …} stands for the rest. */
  String rendered() {
    if (target == null) {
      return url != null && ConnectionUrl.accepts(url) ? ConnectionUrl.PREFIX + "…" : "(not shown)";
    }
    StringBuilder sb = new StringBuilder(ConnectionUrl.PREFIX).append(target).append("://");
    if (hasUserInfo) {
      sb.append(UrlText.encode(properties.get("user"))).append(properties.containsKey("password") ? ":***" : "")
          .append('@');
    }
    if (!hostsDone) {
      return sb.append('…').toString();
    }
    ConnectionUrl.appendHosts(sb, hosts);
    if (database == null) {
      return sb.append('…').toString();
    }
    sb.append('/').append(UrlText.encode(database));
    if (!complete) {
      // The problem is in the query: a raw '&' or '=' in a password would have made part of it a key or a value
      // here, so none of the query is shown (the problem names the property when its name is plain).
      return sb.append("?…").toString();
    }
    ConnectionUrl.appendQuery(sb, properties, hasUserInfo);
    return sb.toString();
  }
}

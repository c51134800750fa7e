package dev.borealis.jdbc.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.borealis.jdbc.Driver;
import dev.borealis.jdbc.config.BorealisConfig;
import dev.borealis.jdbc.config.ConnectionUrl;
import dev.borealis.jdbc.config.CoreProperties;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's fuzz test: seeded, generated URLs and Properties with a password in every position (user info, a
 * query value under plain and percent-encoded keys, the Properties), around odd delimiters, unicode and IPv6 forms,
 * thrown at the driver. Every case goes through {@code acceptsURL}, the URL parser, the redaction and the config
 * layer; every {@link #CONNECT_EVERY}th also through {@code Driver.connect} with the real target driver, pointed at
 * loopback ports nothing listens on (refused at once). Asserted: the outcome is a connection, null (a URL of another
 * driver) or an SQLException with SQLSTATE, never another exception; the password's halves appear in no exception
 * message, cause or suppressed exception, no log record of any logger at any level, and no config object's
 * {@code toString()}. A failure names the seed and case number, so it replays.
 *
 * <p>The password is {@code K7vQx<d>Wp3Zr} for a delimiter {@code d}; it is placed as a user would write it in that
 * position, so a delimiter that is structural there (an {@code &} in a query value) travels percent-encoded.
 */
public abstract class UrlFuzzContract {

  private static final long SEED = 20_261_202L;
  private static final int CASES = 10_000;
  private static final int CONNECT_EVERY = 5;
  private static final String HEAD = "K7vQx";
  private static final String TAIL = "Wp3Zr";
  private static final String[] DELIMITERS = {"", "#", "?", "/", ";", "@", "&", "=", "%", ":", ",", "[", "]", " ",
      "+", "é", "中", "\uD83D\uDE00", "%40", "%26", "%23", "''", "\"", "\\", "*"};
  private static final String[] SECRET_KEYS = {"password", "pass%77ord", "PASSWORD", "Password", "%70assword",
      "borealis.password", "sslPassword", "trustCertificateKeyStorePassword", "sslpassword", "apiToken"};
  private static final String[] JUNK = {"#", "?", "/", ";", "@", "&", "=", "%", "%2", "%zz", ":", ",", "[", "]", " ",
      "é", "中", "\u0000", "\n", "..", "-", "_", "~", "+", "%00", "%FF", "%C3"};

  private final Random random = new Random(SEED);
  private final RecordingHandler logs = new RecordingHandler();
  private final Driver driver = new Driver();
  private int deadPort;
  private int parsed;
  private final Map<String, Integer> outcomes = new java.util.TreeMap<>();

  /** The {@code <target>} of a {@code jdbc:borealis:<target>://} URL. */
  protected abstract String scheme();

  /** Target-driver properties that are valid (e.g. a connect timeout) and invalid for this engine. */
  protected abstract List<String> targetPairs();

  /**
   * The target driver's smallest connect and read timeouts, added to every real connect: a host the URL names may be
   * an address that drops packets (a numeric name like {@code 401} is 0.0.1.145), which waits for the OS otherwise.
   */
  protected abstract Map<String, String> tinyTimeouts();

  @BeforeEach
  void capture() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      deadPort = s.getLocalPort();
    }
    logs.install();
  }

  @AfterEach
  void release() {
    logs.uninstall();
  }

  @Test
  void generatedUrlsAndPropertiesGiveAnSqlExceptionOrAConnectionAndNeverShowThePassword() {
    int connects = 0;
    for (int i = 0; i < CASES; i++) {
      String secret = HEAD + DELIMITERS[random.nextInt(DELIMITERS.length)] + TAIL;
      Case c = generate(secret);
      String where = "seed " + SEED + " case " + i + ": " + c;
      checkParseLayer(c, where);
      if (i % CONNECT_EVERY == 0) {
        checkConnect(c, where);
        connects++;
      }
      for (String line : logs.drain()) {
        assertThat(line).as("log record, %s", where).doesNotContain(HEAD).doesNotContain(TAIL);
      }
    }
    assertThat(connects).isGreaterThanOrEqualTo(CASES / CONNECT_EVERY);
    // What the inputs reached, so a generator that stopped producing URLs that parse would show.
    System.out.println(getClass().getSimpleName() + ": " + CASES + " cases, " + parsed + " parsed, " + connects
        + " connects, outcomes " + outcomes);
    assertThat(parsed).as("cases that parse").isGreaterThan(CASES / 5);
    assertThat(outcomes.keySet()).as("SQLSTATEs of the real connects").contains("08001");
  }

  /** acceptsURL, parsing, redaction and the config layer: anything but an SQLException is a bug. */
  private void checkParseLayer(Case c, String where) {
    boolean accepted = driver.acceptsURL(c.url());
    assertThat(ConnectionUrl.redact(c.url())).as("redaction, %s", where).doesNotContain(HEAD).doesNotContain(TAIL);
    try {
      ConnectionUrl url = ConnectionUrl.parse(c.url());
      parsed++;
      assertThat(accepted).as("parsed but not accepted, %s", where).isTrue();
      assertNoSecret(url.toString(), "ConnectionUrl.toString", where);
      Map<String, String> merged = new LinkedHashMap<>();
      c.props().stringPropertyNames().forEach(k -> merged.put(k, c.props().getProperty(k)));
      merged.putAll(url.properties());
      BorealisConfig config = BorealisConfig.parse(merged, CoreProperties.all());
      assertNoSecret(config.toString(), "BorealisConfig.toString", where);
    } catch (SQLException e) {
      assertSqlException(e, where);
    } catch (AssertionError e) {
      throw e;
    } catch (RuntimeException | Error e) {
      throw new AssertionError("parse layer threw " + e + ", " + where, e);
    }
  }

  private void checkConnect(Case c, String where) {
    Properties props = new Properties();
    props.putAll(c.props());
    tinyTimeouts().forEach(props::putIfAbsent);
    try (Connection conn = driver.connect(c.url(), props)) {
      outcomes.merge(conn == null ? "null" : "connected", 1, Integer::sum);
      if (conn != null) {
        assertNoSecret(conn.toString(), "Connection.toString", where);
      }
    } catch (SQLException e) {
      outcomes.merge(String.valueOf(e.getSQLState()), 1, Integer::sum);
      assertSqlException(e, where);
    } catch (AssertionError e) {
      throw e;
    } catch (RuntimeException | Error e) {
      throw new AssertionError("Driver.connect threw " + e + ", " + where, e);
    }
  }

  private static void assertSqlException(SQLException e, String where) {
    assertThat(e.getSQLState()).as("SQLSTATE of %s, %s", e, where).isNotNull();
    walk(e, t -> {
      assertNoSecret(String.valueOf(t.getMessage()), "message of " + t.getClass().getName(), where);
      assertNoSecret(t.toString(), "toString of " + t.getClass().getName(), where);
    }, 0);
  }

  private static void walk(Throwable t, java.util.function.Consumer<Throwable> check, int depth) {
    if (t == null || depth > 30) {
      return;
    }
    check.accept(t);
    for (Throwable s : t.getSuppressed()) {
      walk(s, check, depth + 1);
    }
    walk(t.getCause(), check, depth + 1);
  }

  private static void assertNoSecret(String text, String what, String where) {
    assertThat(text).as("%s, %s", what, where).doesNotContain(HEAD).doesNotContain(TAIL);
  }

  // ---------------------------------------------------------------- generation

  /** One generated input. */
  record Case(String url, Properties props) {
    @Override
    public String toString() {
      return "url=" + url + " props=" + props;
    }
  }

  private Case generate(String secret) {
    Properties props = new Properties();
    int place = random.nextInt(4); // 0 user info, 1 query value, 2 Properties, 3 nowhere (structure only)
    StringBuilder url = new StringBuilder();
    url.append(pick(0.97, "jdbc:borealis:", "jdbc:mysql:", "jdbc:borealis", "", "JDBC:borealis:", "jdbc:borealis:/"));
    url.append(pick(0.92, scheme(), "MySQL", "", "my-sql", scheme() + "x", "pg sql", "fake"));
    url.append(pick(0.97, "://", ":/", "//", ":", ":///"));
    if (place == 0) {
      url.append(pick(0.8, "admin", "ad%40min", "u_1", "é")).append(':').append(inUserInfo(secret)).append('@');
    } else if (random.nextInt(4) == 0) {
      url.append(pick(0.7, "admin", "ad%40min", "", "u:", "u:pw")).append('@');
    }
    // Parts before a query-value password are not mutated: a '?' and '=' put into them would make the password the
    // value of another key, which is no longer a password position.
    url.append(place == 1 ? hosts() : mutate(hosts()));
    if (random.nextInt(10) < 8) {
      url.append('/').append(place == 1 ? database() : mutate(database()));
    }
    List<String> pairs = new ArrayList<>();
    if (place == 1) {
      pairs.add(SECRET_KEYS[random.nextInt(SECRET_KEYS.length)] + "=" + inQueryValue(secret));
    }
    int extra = random.nextInt(4);
    for (int i = 0; i < extra; i++) {
      pairs.add(mutate(pair()));
    }
    java.util.Collections.shuffle(pairs, random);
    if (!pairs.isEmpty() || random.nextInt(10) == 0) {
      url.append('?').append(String.join("&", pairs));
    }
    if (random.nextInt(40) == 0) {
      url.append(pick(0.5, "#frag", "#", "&", "?", "&&"));
    }
    fillProperties(props, place == 2 ? secret : null);
    return new Case(url.toString(), props);
  }

  /** As a user writes it in user info: '@' raw (the parser takes the last plausible one), all else raw too. */
  private String inUserInfo(String secret) {
    return random.nextInt(4) == 0 ? encode(secret) : secret;
  }

  /** In a query value: '&' and '#' would end the value, so they travel encoded; everything else may be raw. */
  private String inQueryValue(String secret) {
    if (random.nextInt(4) == 0) {
      return encode(secret);
    }
    return secret.replace("%", "%25").replace("&", "%26").replace("#", "%23");
  }

  private String hosts() {
    int n = 1 + random.nextInt(random.nextInt(8) == 0 ? 4 : 1);
    List<String> hs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String h = pick(0.55, "127.0.0.1", "[::1]", "[::ffff:127.0.0.1%25lo]", "[::ffff:127.0.0.1%lo]", "localhost",
          "nohost", "[fe80::1%25eth0]", "[fe80::1%25nosuch0]", "bad_host!", "[::1", "", "h:abc", "[zz::1]", "127.0.0.1:0", "-h",
          "x.cluster-abc.us-east-1.rds.amazonaws.com", "x.cluster-ro-abc.us-east-1.rds.amazonaws.com", "[::1]x");
      String port = pick(0.8, ":" + deadPort, "", ":0", ":65536", ":x", ":", ":" + deadPort + deadPort);
      hs.add(h + (h.contains(":") && !h.startsWith("[") ? "" : port));
    }
    return String.join(",", hs);
  }

  private String database() {
    return pick(0.3, "", "app", "postgres", "%3FconnectTimeout%3Dabc", "db%3Fsslmode%3Dbogus", "a/b", "%zz",
        "%C3%A9t%C3%A9", "d b", "d%20b", "x%26y%3Dz", "%2F", "été", "%25", "db@x");
  }

  private String pair() {
    int kind = random.nextInt(5);
    return switch (kind) {
      case 0 -> pick(0.0, "wrapperPlugins=", "wrapperPlugins=initialConnection", "wrapperPlugins=nosuch",
          "wrapperPlugins=readWriteSplitting,readWriteSplitting", "wrapperPlugins=%3Bdrop");
      case 1 -> pick(0.0, "maxReplicaLagMs=-1", "maxReplicaLagMs=10", "clusterTopologyRefreshRateMs=abc",
          "readerHostSelectorStrategy=fastest", "readerFallbackToWriter=yes", "dialect=oracle", "clusterId=",
          "clusterId=fuzz", "initialConnectionTimeoutMs=0", "initialConnectionTimeoutMs=forever",
          "clusterInstanceHostPattern=%3F.example:99", "roundRobinHostWeightPairs=r1:abc", "borealis.nosuch=1",
          "failoverTimeoutMs=100", "failoverTimeoutMs=-5", "failoverMode=strict-reader");
      case 2 -> targetPairs().get(random.nextInt(targetPairs().size()));
      case 3 -> pick(0.0, "a", "=x", "", "a=%G1", "k%zz=1", "%=1", "x=a%26b", "user=bob", "note=a@b.example",
          "email=a@b", "q=%3F", "k=" + JUNK[random.nextInt(JUNK.length)]);
      default -> "k" + random.nextInt(3) + "=" + JUNK[random.nextInt(JUNK.length)];
    };
  }

  private void fillProperties(Properties props, String secret) {
    if (secret != null) {
      String key = pick(0.6, "password", "PASSWORD", "pass%77ord", "sslPassword", "apiToken");
      if (random.nextInt(5) == 0) {
        props.put(key, new StringBuilder(secret)); // not a String: refused, and not shown
      } else {
        props.setProperty(key, secret);
      }
    }
    if (random.nextBoolean()) {
      props.setProperty("user", "admin");
    }
    switch (random.nextInt(8)) {
      case 0 -> props.put("maxReplicaLagMs", -1);
      case 1 -> props.put("maxReplicaLagMs", 100L);
      case 2 -> props.put("readerFallbackToWriter", Boolean.TRUE);
      case 3 -> props.put("initialConnectionTimeoutMs", List.of(1));
      case 4 -> props.put("failoverTimeoutMs", -5);
      case 5 -> props.put(7, "seven");
      default -> {
      }
    }
  }

  /** Inserts, deletes or replaces a few characters of a part that carries no secret. */
  private String mutate(String s) {
    if (random.nextInt(5) != 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s);
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      int at = sb.length() == 0 ? 0 : random.nextInt(sb.length() + 1);
      switch (random.nextInt(3)) {
        case 0 -> sb.insert(at, JUNK[random.nextInt(JUNK.length)]);
        case 1 -> {
          if (at < sb.length()) {
            sb.deleteCharAt(at);
          }
        }
        default -> {
          if (at < sb.length()) {
            sb.setCharAt(at, (char) (32 + random.nextInt(95)));
          }
        }
      }
    }
    return sb.toString();
  }

  /** {@code usual} with probability {@code p}, else one of {@code others} (all choices when p is 0). */
  private String pick(double p, String usual, String... others) {
    if (random.nextDouble() < p || others.length == 0) {
      return usual;
    }
    int i = random.nextInt(others.length + (p == 0 ? 1 : 0));
    return i == others.length ? usual : others[i];
  }

  private static String encode(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      sb.append(String.format("%%%02X", b & 0xff));
    }
    return sb.toString();
  }

  /** Every record of every logger, at every level, formatted as a console handler would print it. */
  private static final class RecordingHandler extends Handler {
    private final Logger root = Logger.getLogger("");
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final Map<String, Level> previous = new LinkedHashMap<>();

    void install() {
      setLevel(Level.ALL);
      for (String name : List.of("", "dev.borealis", "org.postgresql", "com.mysql")) {
        Logger l = Logger.getLogger(name);
        previous.put(name, l.getLevel());
        l.setLevel(Level.ALL);
      }
      root.addHandler(this);
    }

    void uninstall() {
      root.removeHandler(this);
      previous.forEach((name, level) -> Logger.getLogger(name).setLevel(level));
    }

    List<String> drain() {
      List<String> out = new ArrayList<>(lines);
      lines.clear();
      return out;
    }

    @Override
    public void publish(LogRecord record) {
      lines.add(formatter.format(record));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  }
}

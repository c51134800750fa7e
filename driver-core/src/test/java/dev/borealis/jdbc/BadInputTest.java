package dev.borealis.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.borealis.jdbc.fake.FakeCluster;
import dev.borealis.jdbc.fake.LogCapture;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input gives an SQLException naming the problem with a fitting SQLSTATE, and the password
 * (always supplied) never appears in any message, cause or log line.
 */
class BadInputTest {

  private static final String PW = FakeCluster.PASSWORD;
  private static final String F = "jdbc:borealis:fake://";
  private static final String PLACEHOLDER = "down-cluster-endpoint";
  private static FakeCluster cluster;

  @BeforeAll
  static void start() throws SQLException {
    cluster = FakeCluster.aurora("bad", "w1", "r1");
    cluster.down("w1");
    cluster.down("r1");
  }

  @AfterAll
  static void stop() throws SQLException {
    cluster.close();
  }

  static Stream<Arguments> cases() {
    String c = PLACEHOLDER;
    List<Arguments> a = new ArrayList<>();
    // malformed URLs: 08001
    a.add(bad("jdbc:borealis:fake:/h/db", "no '://'", "08001"));
    a.add(bad("jdbc:borealis:://h/db", "has an invalid target", "08001"));
    a.add(bad("jdbc:borealis:MySQL://h/db", "has an invalid target", "08001"));
    a.add(bad("jdbc:borealis:my-sql://h/db", "has an invalid target", "08001"));
    a.add(bad(F + "/db", "names no host", "08001"));
    a.add(bad(F + "h1,,h2/db", "empty entry in its host list", "08001"));
    a.add(bad(F + ",h1/db", "empty entry in its host list", "08001"));
    a.add(bad(F + "h1,/db", "empty entry in its host list", "08001"));
    a.add(bad(F + "h1:abc/db", "invalid port for host h1", "08001"));
    a.add(bad(F + "h1:0/db", "port 0 for host h1 outside 1-65535", "08001"));
    a.add(bad(F + "h1:65536/db", "port 65536 for host h1 outside 1-65535", "08001"));
    a.add(bad(F + "h1:123456/db", "invalid port for host h1", "08001"));
    a.add(bad(F + "h1:/db", "invalid port for host h1", "08001"));
    a.add(bad(F + "h1:-1/db", "invalid port for host h1", "08001"));
    a.add(bad(F + "[::1/db", "IPv6 literal without ']'", "08001"));
    a.add(bad(F + "[zz::1]/db", "invalid IPv6 literal (host entry 1", "08001"));
    a.add(bad(F + "[::1]x/db", "unexpected text after the IPv6 literal [::1]", "08001"));
    a.add(bad(F + "[]/db", "invalid IPv6 literal (host entry 1", "08001"));
    a.add(bad(F + "h!st/db", "invalid host name (host entry 1", "08001"));
    a.add(bad(F + "-h/db", "invalid host name (host entry 1", "08001"));
    a.add(bad(F + "h%zz/db", "invalid percent-escape in the host", "08001"));
    a.add(bad(F + "h/d%4", "invalid percent-escape in the database name", "08001"));
    a.add(bad(F + "h/db?a", "malformed property (query entry 1 of 1 is missing '='", "08001"));
    a.add(bad(F + "h/db?=x", "malformed property (query entry 1 of 1 is missing its name", "08001"));
    a.add(bad(F + "h/db?a=1&&b=2", "malformed property (query entry 2 of 3 is empty", "08001"));
    a.add(bad(F + "h/db?a=1&a=2", "sets property 'a' twice", "08001"));
    a.add(bad(F + "h/db?a=%G1", "invalid percent-escape in the value of property 'a'", "08001"));
    a.add(bad(F + "h/db#frag", "contains '#'", "08001"));
    a.add(bad(F + "h/db/extra", "database name containing '/'", "08001"));
    a.add(bad(F + "@h/db", "empty user name", "08001"));
    a.add(bad(F + "h/db?password=" + PW + "&x=%zz", "invalid percent-escape in the value of property 'x'",
        "08001"));
    a.add(bad(F + "app:" + PW + "@h:99999/db", "port 99999 for host h outside 1-65535", "08001"));
    a.add(bad("jdbc:borealis:oracle://h/db", "no Borealis module for target 'oracle'", "08001"));
    // unknown plugin codes: HY024
    a.add(bad(F + "h/db?wrapperPlugins=nosuch", "unknown plugin 'nosuch'", "HY024"));
    a.add(bad(F + "h/db?wrapperPlugins=readWriteSplitting,bogus", "unknown plugin 'bogus'", "HY024"));
    a.add(bad(F + "h/db?wrapperPlugins=readWriteSplitting,readWriteSplitting", "plugin 'readWriteSplitting' twice",
        "HY024"));
    a.add(bad(F + "h/db?wrapperPlugins=read%20write", "property 'wrapperPlugins' has invalid value 'read write'",
        "HY024"));
    a.add(bad(F + "h/db?wrapperPlugins=failover", "unknown plugin 'failover'", "HY024"));
    a.add(bad(F + "h/db?wrapperPlugins=%3Bdrop", "property 'wrapperPlugins' has invalid value ';drop'", "HY024"));
    // invalid values: HY024, naming property, value and rule
    a.add(bad(F + "h/db?clusterTopologyRefreshRateMs=abc", "'clusterTopologyRefreshRateMs' has invalid value 'abc': "
        + "must be an integer from 50 to 3600000", "HY024"));
    a.add(bad(F + "h/db?clusterTopologyRefreshRateMs=10", "invalid value '10'", "HY024"));
    a.add(bad(F + "h/db?clusterTopologyRefreshRateMs=-5", "invalid value '-5'", "HY024"));
    a.add(bad(F + "h/db?clusterTopologyRefreshRateMs=99999999999", "invalid value '99999999999'", "HY024"));
    a.add(bad(F + "h/db?maxReplicaLagMs=-1", "'maxReplicaLagMs' has invalid value '-1'", "HY024"));
    a.add(bad(F + "h/db?maxReplicaLagMs=1.5", "'maxReplicaLagMs' has invalid value '1.5'", "HY024"));
    a.add(bad(F + "h/db?readerHostSelectorStrategy=fastest", "must be one of fastestResponse, leastConnections, "
        + "lowestLag, random, roundRobin", "HY024"));
    a.add(bad(F + "h/db?readerHostSelectorStrategy=", "'readerHostSelectorStrategy' has invalid value ''", "HY024"));
    a.add(bad(F + "h/db?readerFallbackToWriter=yes", "must be true or false", "HY024"));
    a.add(bad(F + "h/db?dialect=oracle", "property 'dialect' has invalid value 'oracle': must be one of "
        + "[fake-aurora, fake-plain]", "HY024"));
    a.add(bad(F + "h/db?dialect=a%20b", "property 'dialect' has invalid value 'a b'", "HY024"));
    a.add(bad(F + "h/db?clusterInstanceHostPattern=no-question.example", "containing exactly one '?'", "HY024"));
    a.add(bad(F + "h/db?clusterInstanceHostPattern=%3F.a.%3F.b", "invalid value '?.a.?.b'", "HY024"));
    a.add(bad(F + "h/db?clusterInstanceHostPattern=%3F.example:port", "invalid value '?.example:port'", "HY024"));
    a.add(bad(F + "h/db?clusterInstanceHostMap=no-equals", "a list of id=host or id=host:port pairs", "HY024"));
    a.add(bad(F + "h/db?roundRobinHostWeightPairs=r1:abc", "instanceId:weight pairs", "HY024"));
    a.add(bad(F + "h/db?roundRobinHostWeightPairs=r1", "'roundRobinHostWeightPairs' has invalid value 'r1'",
        "HY024"));
    a.add(bad(F + "h/db?initialConnectionTimeoutMs=forever", "'initialConnectionTimeoutMs' has invalid value",
        "HY024"));
    a.add(bad(F + "h/db?initialConnectionRetryIntervalMs=0", "'initialConnectionRetryIntervalMs' has invalid",
        "HY024"));
    a.add(bad(F + "h/db?borealis.maxReplicaLagMs=x", "'maxReplicaLagMs' has invalid value 'x'", "HY024"));
    a.add(bad(F + "h/db?clusterId=", "'clusterId' has invalid value ''", "HY024"));
    a.add(badProps(F + "h/db", "maxReplicaLagMs", "lots", "'maxReplicaLagMs' has invalid value 'lots'", "HY024"));
    a.add(badProps(F + "h/db", "wrapperPlugins", "magic", "unknown plugin 'magic'", "HY024"));
    // unreachable hosts: 08001 with each host's reason
    a.add(bad(F + "nosuch.cluster-nosuch.fake.test/db", "could not connect to any of 1 URL hosts", "08001"));
    a.add(bad(F + "a.nosuch.fake.test,b.nosuch.fake.test:7/db", "could not connect to any of 2 URL hosts", "08001"));
    a.add(bad(F + "not-a-fake-host/db", "UnknownHostException: not-a-fake-host", "08001"));
    a.add(bad(F + c + "/db", "Connection refused", "08001"));
    return a.stream();
  }

  private static Arguments bad(String url, String fragment, String state) {
    return Arguments.of(url, null, null, fragment, state);
  }

  private static Arguments badProps(String url, String key, String value, String fragment, String state) {
    return Arguments.of(url, key, value, fragment, state);
  }

  @ParameterizedTest(name = "{0} {1}={2}")
  @MethodSource("cases")
  void badInputFailsWithANamedProblemAndNoPassword(String url, String key, String value, String fragment,
      String state) {
    String resolved = url.replace(PLACEHOLDER, cluster.clusterEndpoint());
    Properties p = new Properties();
    p.setProperty("user", FakeCluster.USER);
    p.setProperty("password", PW);
    if (key != null) {
      p.setProperty(key, value);
    }
    try (LogCapture logs = new LogCapture()) {
      SQLException e = catchThrowableOfType(SQLException.class, () -> DriverManager.getConnection(resolved, p));
      assertThat((Throwable) e).as("error for %s", resolved).isNotNull();
      assertThat(e.getMessage()).contains(fragment);
      assertThat(e.getSQLState()).isEqualTo(state);
      for (Throwable t = e; t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage())).doesNotContain(PW);
        assertThat(t.toString()).doesNotContain(PW);
      }
      assertThat(logs.lines()).noneMatch(line -> line.contains(PW));
    }
  }

  @ParameterizedTest
  @MethodSource("wrongPasswords")
  void aWrongPasswordIsReportedWithoutEchoingIt(String wrong) throws SQLException {
    try (FakeCluster up = FakeCluster.aurora("pw", "w1"); LogCapture logs = new LogCapture()) {
      Properties p = new Properties();
      p.setProperty("user", FakeCluster.USER);
      p.setProperty("password", wrong);
      SQLException e = catchThrowableOfType(SQLException.class, () -> DriverManager.getConnection(up.url(""), p));
      assertThat(e.getMessage()).contains("Access denied");
      assertThat(e.getSQLState()).isEqualTo("28000");
      assertThat(e.toString()).doesNotContain(wrong);
      assertThat(logs.lines()).noneMatch(line -> line.contains(wrong));
    }
  }

  static Stream<String> wrongPasswords() {
    return Stream.of("Wr0ng-Passw0rd-1", "another-Secret-9");
  }
}

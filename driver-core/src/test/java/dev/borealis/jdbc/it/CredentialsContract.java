package dev.borealis.jdbc.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import dev.borealis.cluster.server.ClusterServer;
import dev.borealis.cluster.server.Endpoint;
import dev.borealis.cluster.server.ServerOptions;
import dev.borealis.cluster.server.admin.AdminServer;
import dev.borealis.jdbc.topology.ClusterRegistry;
import dev.borealis.jdbc.topology.ClusterTopology;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsUtilities;

/**
 * The AWS credentials plugins against the embedded cluster over the network: {@code awsSecretsManager} with WireMock
 * standing in for Secrets Manager (endpoint override), and {@code iam} with the cluster in IAM mode verifying the
 * tokens the AWS SDK signs. Every test captures java.util.logging output (root logger, all levels) and fails if a
 * password, the secret access key or a token shows up in it, or in an exception message.
 */
public abstract class CredentialsContract {

  private static final String ACCESS_KEY_ID = "AKIDBOREALISTEST0001";
  private static final String SECRET_ACCESS_KEY = "borealis/Test+Secret+Access+Key+000000001";
  private static final String REGION = "us-east-1";
  private static final String APP_USER = "app";
  private static final String IAM_USER = "iam_app";
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final List<String> secrets = new CopyOnWriteArrayList<>();
  private final List<String> messages = new CopyOnWriteArrayList<>();
  private final LogSink logs = new LogSink();
  private final List<AutoCloseable> closeLater = new ArrayList<>();
  private OffsetClock clock;
  private Cluster cluster;
  private ClusterServer server;
  private WireMockServer secretsManager;
  private String secretId;
  private String firstPassword;

  protected abstract Engine engine();

  /** The {@code <target>} of a {@code jdbc:borealis:<target>://} URL. */
  protected abstract String scheme();

  protected abstract String database();

  /** Target-driver properties for TLS without certificate verification (the cluster's certificate is self-signed). */
  protected abstract String tlsProperties();

  /** Target-driver properties for a connection without TLS. */
  protected abstract String plainProperties();

  /** The user the session logged in as. */
  protected abstract String currentUser(Connection c) throws SQLException;

  /** The SQLSTATE the engine reports for a refused password or token. */
  protected abstract String authFailureState();

  @BeforeAll
  static void awsCredentials() {
    // The SDK's default provider chain reads these first; nothing here may reach a real AWS account.
    System.setProperty("aws.accessKeyId", ACCESS_KEY_ID);
    System.setProperty("aws.secretAccessKey", SECRET_ACCESS_KEY);
  }

  @AfterAll
  static void forgetAwsCredentials() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  @BeforeEach
  void start() throws Exception {
    Logger.getLogger("").addHandler(logs);
    Logger.getLogger("").setLevel(Level.ALL);
    secrets.add(SECRET_ACCESS_KEY);
    int n = SEQUENCE.incrementAndGet();
    firstPassword = "first-Pw-" + n + "-" + System.nanoTime();
    secrets.add(firstPassword);
    clock = new OffsetClock();
    String name = "cred-" + (engine() == Engine.MYSQL ? "my" : "pg") + "-" + ProcessHandle.current().pid() + "-" + n;
    cluster = Cluster.builder().engine(engine()).name(name).readers(1).replicaLag(Duration.ofMillis(1))
        .user("admin", "admin").user(APP_USER, firstPassword).iamAuth(ACCESS_KEY_ID, SECRET_ACCESS_KEY, REGION)
        .iamUser(IAM_USER).clock(clock).start();
    server = ClusterServer.start(cluster, ServerOptions.defaults().withPort(0).withHostsFile(ServedCluster.hostsFile()));
    assumeThat(server.distinctAddresses()).as("this machine cannot bind extra loopback addresses (127.x.y.z)")
        .isTrue();
    secretsManager = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    secretsManager.start();
    secretId = "borealis/test/" + name;
    serveSecret(APP_USER, firstPassword);
  }

  @AfterEach
  void stop() throws Exception {
    try {
      for (AutoCloseable c : closeLater) {
        c.close();
      }
      if (secretsManager != null) {
        secretsManager.stop();
      }
      if (server != null) {
        server.close();
      }
      if (cluster != null) {
        cluster.close();
      }
    } finally {
      Logger.getLogger("").removeHandler(logs);
      Logger.getLogger("").setLevel(Level.INFO);
    }
    assertNoSecretIn("log output", logs.text());
    for (String m : messages) {
      assertNoSecretIn("an exception message", m);
    }
  }

  // ---------------------------------------------------------------- Secrets Manager

  @Test
  void aSecretLogsInAndARotationCostsOneRefreshNotAnOutage() throws Exception {
    try (Connection c = secretsManagerConnection("")) {
      assertThat(currentUser(c)).isEqualToIgnoringCase(APP_USER);
      assertTheTopologyReaderLogsInToo();
    }
    String rotated = "rotated-Pw-" + System.nanoTime();
    secrets.add(rotated);
    rotateThroughTheAdminApi(APP_USER, rotated);
    serveSecret(APP_USER, rotated);

    try (Connection c = secretsManagerConnection("")) {
      assertThat(currentUser(c)).isEqualToIgnoringCase(APP_USER);
    }
    assertThat(fetches()).as("one fetch at first, one refresh after the rotation").isEqualTo(2);
    assertThat(logs.text()).contains("refreshing them");
  }

  @Test
  void connectionsOpeningTogetherShareOneFetch() throws Exception {
    secretsManager.stubFor(secretRequest().willReturn(secretResponse(APP_USER, firstPassword)
        .withFixedDelay(300)));
    int threads = 6;
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> new Thread(r, "credentials-test-connect"));
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> users = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        users.add(pool.submit(() -> {
          go.await();
          try (Connection c = secretsManagerConnection("")) {
            return currentUser(c);
          }
        }));
      }
      go.countDown();
      for (Future<String> u : users) {
        assertThat(u.get(60, TimeUnit.SECONDS)).isEqualToIgnoringCase(APP_USER);
      }
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(fetches()).isEqualTo(1);
  }

  @Test
  void anUnavailableSecretsManagerFailsNamingTheSecret() {
    secretsManager.stubFor(secretRequest().willReturn(aResponse().withStatus(500)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody("{\"__type\":\"InternalServiceError\",\"message\":\"stand-in failure\"}")));
    SQLException e = connectFailure("");
    assertThat(e.getMessage()).contains(secretId).contains("HTTP 500");
    assertThat(e.getSQLState()).isEqualTo("08001");
  }

  @Test
  void aSlowSecretsManagerTimesOutNamingTheSecret() {
    secretsManager.stubFor(secretRequest().willReturn(secretResponse(APP_USER, firstPassword).withFixedDelay(5_000)));
    SQLException e = connectFailure("&secretsManagerTimeoutMs=300");
    assertThat(e.getMessage()).contains(secretId).contains("300 ms");
    assertThat(e.getSQLState()).isEqualTo("08001");
  }

  @Test
  void aSecretThatIsNotJsonFailsWithoutShowingIt() {
    String leak = "leak-Pw-" + System.nanoTime();
    secrets.add(leak);
    serveSecretString("{\"username\":\"app\",\"password\":\"" + leak + "\"");
    SQLException e = connectFailure("");
    assertThat(e.getMessage()).contains(secretId).contains("not valid JSON");
    assertThat(e.getSQLState()).isEqualTo("08001");
  }

  @Test
  void aSecretWithoutUsernameOrPasswordFailsNamingTheMissingKey() {
    String leak = "leak-Pw-" + System.nanoTime();
    secrets.add(leak);
    serveSecretString("{\"username\":\"app\",\"pwd\":\"" + leak + "\"}");
    SQLException e = connectFailure("");
    assertThat(e.getMessage()).contains(secretId).contains("'password'");
    assertThat(e.getSQLState()).isEqualTo("08001");
  }

  @Test
  void aSecretTheClusterRefusesFailsAfterOneRefresh() {
    String wrong = "wrong-Pw-" + System.nanoTime();
    secrets.add(wrong);
    serveSecret(APP_USER, wrong);
    SQLException e = connectFailure("");
    assertThat(e.getMessage()).contains(secretId).contains("also after refreshing");
    assertThat(e.getSQLState()).isEqualTo(authFailureState());
    assertThat(fetches()).isEqualTo(2);
  }

  // ---------------------------------------------------------------- IAM

  @Test
  void pluginTokensLogInOnTheWriterAndOnAReader() throws Exception {
    try (Connection c = iamConnection()) {
      assertThat(currentUser(c)).isEqualToIgnoringCase(IAM_USER);
      assertTheTopologyReaderLogsInToo();
      c.setReadOnly(true);
      assertThat(currentUser(c)).isEqualToIgnoringCase(IAM_USER);
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
        assertThat(rs.next()).isTrue();
      }
    }
  }

  @Test
  void expiredTokensAreRefused() {
    clock.advance(Duration.ofMinutes(16));
    SQLException e = catchSql(this::iamConnection);
    assertThat(e.getSQLState()).isEqualTo(authFailureState());
    assertThat(e.getMessage()).contains("iam").contains(IAM_USER);
    assertThat(logs.text()).contains("expired");
  }

  @Test
  void tamperedTokensAreRefused() {
    Endpoint writer = server.instanceEndpoint(cluster.writer().id());
    String token = sdkToken(writer, SECRET_ACCESS_KEY);
    char last = token.charAt(token.length() - 1);
    String tampered = token.substring(0, token.length() - 1) + (last == '0' ? '1' : '0');
    SQLException e = catchSql(() -> rawConnection(writer, IAM_USER, tampered, tlsProperties()));
    assertThat(e.getSQLState()).isEqualTo(authFailureState());
    assertThat(logs.text()).contains("signature does not match");
  }

  @Test
  void tokensSignedWithAnotherSecretKeyAreRefused() {
    Endpoint writer = server.instanceEndpoint(cluster.writer().id());
    String forged = sdkToken(writer, "not-the-secret-key");
    SQLException e = catchSql(() -> rawConnection(writer, IAM_USER, forged, tlsProperties()));
    assertThat(e.getSQLState()).isEqualTo(authFailureState());
  }

  @Test
  void aTokenForAnotherEndpointIsRefused() {
    Endpoint writer = server.instanceEndpoint(cluster.writer().id());
    Endpoint reader = server.readerEndpoint();
    String readerToken = sdkToken(new Endpoint("other-host.example.com", reader.ip(), writer.port()),
        SECRET_ACCESS_KEY);
    SQLException e = catchSql(() -> rawConnection(writer, IAM_USER, readerToken, tlsProperties()));
    assertThat(e.getSQLState()).isEqualTo(authFailureState());
    assertThat(logs.text()).contains("does not name the endpoint");
  }

  @Test
  void aValidTokenWithoutTlsIsRefused() {
    Endpoint writer = server.instanceEndpoint(cluster.writer().id());
    String token = sdkToken(writer, SECRET_ACCESS_KEY);
    SQLException e = catchSql(() -> rawConnection(writer, IAM_USER, token, plainProperties()));
    assertThat(e.getSQLState()).isEqualTo("28000");
    assertThat(e.getMessage()).containsIgnoringCase("ssl");
  }

  @Test
  void aValidSdkTokenLogsInWithThePlainTargetDriver() throws Exception {
    Endpoint writer = server.instanceEndpoint(cluster.writer().id());
    try (Connection c = rawConnection(writer, IAM_USER, sdkToken(writer, SECRET_ACCESS_KEY), tlsProperties())) {
      assertThat(currentUser(c)).isEqualToIgnoringCase(IAM_USER);
    }
  }

  // ---------------------------------------------------------------- helpers

  /** The driver's own topology connection has no password in the URL either: it must use the plugin's. */
  private void assertTheTopologyReaderLogsInToo() throws SQLException {
    ClusterTopology topology = ClusterRegistry.find(cluster.name()).orElseThrow();
    assertThat(topology.refresh().hosts()).hasSize(2);
  }

  /** As a rotation Lambda would: the database first (the admin HTTP API), then the secret. */
  private void rotateThroughTheAdminApi(String user, String password) throws Exception {
    try (AdminServer admin = AdminServer.start(server, 0)) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpRequest request = HttpRequest.newBuilder(admin.url().resolve("users/" + user + "/password"))
          .timeout(Duration.ofSeconds(10))
          .header("Authorization", admin.token().bearer())
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"password\":\"" + password + "\"}")).build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(response.body()).doesNotContain(password);
    }
    assertThat(cluster.users().password(user)).contains(password);
  }

  private Connection secretsManagerConnection(String extra) throws SQLException {
    String url = borealisUrl("wrapperPlugins=initialConnection,readWriteSplitting,awsSecretsManager"
        + "&secretsManagerSecretId=" + secretId + "&secretsManagerRegion=" + REGION + "&secretsManagerEndpoint="
        + secretsManager.baseUrl() + "&" + tlsProperties() + extra);
    return DriverManager.getConnection(url, new Properties());
  }

  private Connection iamConnection() throws SQLException {
    String url = borealisUrl("wrapperPlugins=initialConnection,readWriteSplitting,iam&iamRegion=" + REGION);
    Properties p = new Properties();
    p.setProperty("user", IAM_USER);
    return DriverManager.getConnection(url, p);
  }

  private String borealisUrl(String query) {
    Endpoint e = server.clusterEndpoint();
    return "jdbc:borealis:" + scheme() + "://" + e.host() + ":" + e.port() + "/" + database() + "?clusterId="
        + cluster.name() + "&" + query;
  }

  private Connection rawConnection(Endpoint endpoint, String user, String password, String query)
      throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      p.setProperty(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return DriverManager.getConnection(endpoint.jdbcUrl(engine(), database()), p);
  }

  /** A token as the AWS SDK signs it, with the test access key and {@code secretKey}. */
  private String sdkToken(Endpoint endpoint, String secretKey) {
    RdsUtilities rds = RdsUtilities.builder().region(Region.of(REGION))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, secretKey)))
        .build();
    String token = rds.generateAuthenticationToken(b -> b.hostname(endpoint.host()).port(endpoint.port())
        .username(IAM_USER));
    secrets.add(token);
    return token;
  }

  private SQLException connectFailure(String extra) {
    return catchSql(() -> secretsManagerConnection(extra));
  }

  @FunctionalInterface
  private interface Connect {
    Connection open() throws SQLException;
  }

  private SQLException catchSql(Connect connect) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> connect.open().close());
    assertThat(thrown).isInstanceOf(SQLException.class);
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      messages.add(String.valueOf(t.getMessage()));
      messages.add(t.toString());
    }
    return (SQLException) thrown;
  }

  private void assertNoSecretIn(String where, String text) {
    for (String secret : secrets) {
      assertThat(text).as("%s must not contain a secret", where).doesNotContain(secret);
    }
    assertThat(text).as("%s must not contain a token", where).doesNotContain("X-Amz-Signature=");
  }

  private int fetches() {
    return secretsManager.findAll(postRequestedFor(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))).size();
  }

  private com.github.tomakehurst.wiremock.client.MappingBuilder secretRequest() {
    return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
        .withRequestBody(equalToJson("{\"SecretId\":\"" + secretId + "\"}", true, true));
  }

  private void serveSecret(String user, String password) {
    serveSecretString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
  }

  private void serveSecretString(String secretString) {
    secretsManager.resetMappings();
    secretsManager.stubFor(secretRequest().willReturn(secretResponseRaw(secretString)));
  }

  private ResponseDefinitionBuilder secretResponse(String user, String password) {
    return secretResponseRaw("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
  }

  private ResponseDefinitionBuilder secretResponseRaw(String secretString) {
    String escaped = secretString.replace("\\", "\\\\").replace("\"", "\\\"");
    return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody("{\"ARN\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:" + secretId + "\",\"Name\":\""
            + secretId + "\",\"SecretString\":\"" + escaped + "\",\"VersionId\":\"v-" + System.nanoTime()
            + "\",\"VersionStages\":[\"AWSCURRENT\"]}");
  }

  /** The cluster's clock, movable so that tokens expire without waiting 15 minutes. */
  private static final class OffsetClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    void advance(Duration d) {
      offset = offset.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }
  }

  /** Everything logged through java.util.logging while a test runs, formatted with stack traces. */
  private static final class LogSink extends Handler {
    private final StringBuffer text = new StringBuffer();
    private final SimpleFormatter formatter = new SimpleFormatter();

    LogSink() {
      setLevel(Level.ALL);
    }

    @Override
    public void publish(LogRecord record) {
      text.append(formatter.format(record));
    }

    String text() {
      return text.toString();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  }
}

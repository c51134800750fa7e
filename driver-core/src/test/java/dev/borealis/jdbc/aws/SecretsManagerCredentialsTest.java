package dev.borealis.jdbc.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.borealis.jdbc.config.BorealisConfig;
import dev.borealis.jdbc.spi.HostSpec;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The secret's settings, its shared cache and the parsing of its JSON, without the network. */
class SecretsManagerCredentialsTest {

  private static final HostSpec HOST = HostSpec.of("db.example.test", 3306);

  /** Counts fetches and answers with whatever {@link #current} holds, after the gate opens. */
  private static final class FakeFetcher implements SecretFetcher {
    final AtomicInteger fetches = new AtomicInteger();
    final AtomicReference<DbCredentials> current = new AtomicReference<>(new DbCredentials("app", "pw-1"));
    volatile CountDownLatch gate = new CountDownLatch(0);

    @Override
    public DbCredentials fetch(SecretRef ref, long timeoutMs) throws SQLException {
      fetches.incrementAndGet();
      try {
        gate.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return current.get();
    }
  }

  private final FakeFetcher fetcher = new FakeFetcher();
  private final SharedCache<SecretRef, DbCredentials> cache = new SharedCache<>();

  private SecretsManagerCredentials credentials(Map<String, String> props) throws SQLException {
    BorealisConfig config = BorealisConfig.parse(props, AwsProperties.secretsManager());
    return SecretsManagerCredentials.of(config, fetcher, cache);
  }

  private SecretsManagerCredentials credentials() throws SQLException {
    return credentials(Map.of("secretsManagerSecretId", "prod/db", "secretsManagerRegion", "eu-west-1"));
  }

  @Test
  void theSecretBecomesUserAndPassword() throws SQLException {
    Properties target = new Properties();
    target.setProperty("user", "from-the-url");
    credentials().apply(HOST, target);
    assertThat(target).containsEntry("user", "app").containsEntry("password", "pw-1");
  }

  @Test
  void connectionsOpeningTogetherShareOneFetch() throws Exception {
    fetcher.gate = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8, r -> new Thread(r, "secret-test"));
    try {
      List<Future<DbCredentials>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> credentials().current()));
      }
      awaitFetches(1);
      fetcher.gate.countDown();
      for (Future<DbCredentials> r : results) {
        assertThat(r.get(30, TimeUnit.SECONDS).password()).isEqualTo("pw-1");
      }
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(fetcher.fetches).hasValue(1);
  }

  private void awaitFetches(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (fetcher.fetches.get() < n && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  @Test
  void aRefreshFetchesAgainButAStaleRefreshKeepsTheNewerSecret() throws SQLException {
    SecretsManagerCredentials c = credentials();
    Object first = c.inUse(HOST);
    fetcher.current.set(new DbCredentials("app", "pw-2"));
    c.refresh(HOST, first);
    Object second = c.inUse(HOST);
    assertThat(((DbCredentials) second).password()).isEqualTo("pw-2");
    c.refresh(HOST, first); // another connection that failed with the first secret, late
    assertThat(c.inUse(HOST)).isSameAs(second);
    assertThat(fetcher.fetches).hasValue(2);
  }

  @Test
  void aFailedFetchIsNotCached() throws SQLException {
    SharedCache<String, String> shared = new SharedCache<>();
    AtomicInteger loads = new AtomicInteger();
    SQLException e = catchThrowableOfType(SQLException.class, () -> shared.get("k", java.time.Duration.ofMinutes(1),
        1_000, () -> {
          loads.incrementAndGet();
          throw new SQLException("Secrets Manager answered HTTP 500", "08001");
        }));
    assertThat(e.getSQLState()).isEqualTo("08001");
    assertThat(shared.get("k", java.time.Duration.ofMinutes(1), 1_000, () -> "v" + loads.incrementAndGet()))
        .isEqualTo("v2");
    assertThat(shared.get("k", java.time.Duration.ofMinutes(1), 1_000, () -> "never")).isEqualTo("v2");
  }

  @Test
  void theRegionComesFromAnArn() throws SQLException {
    SecretsManagerCredentials c = credentials(Map.of("secretsManagerSecretId",
        "arn:aws:secretsmanager:ap-southeast-2:123456789012:secret:prod/db-AbCdEf"));
    assertThat(c.describe(HOST)).contains("region ap-southeast-2");
  }

  @Test
  void aPlainNameWithoutRegionIsRefusedNamingTheProperty() {
    SQLException e = catchThrowableOfType(SQLException.class,
        () -> credentials(Map.of("secretsManagerSecretId", "prod/db")));
    assertThat(e.getMessage()).contains("secretsManagerRegion").contains("prod/db");
    assertThat(e.getSQLState()).isEqualTo("HY024");
  }

  @Test
  void theSecretIdIsRequired() {
    SQLException e = catchThrowableOfType(SQLException.class,
        () -> credentials(Map.of("secretsManagerRegion", "us-east-1")));
    assertThat(e.getMessage()).contains("needs property 'secretsManagerSecretId'");
    assertThat(e.getSQLState()).isEqualTo("HY024");
  }

  @Test
  void unusableSecretsAreDescribedWithoutTheirValue() {
    SecretRef ref = new SecretRef("prod/db", "us-east-1", null);
    String value = "s3cr3t-value";
    for (String json : List.of("{\"username\":\"app\",\"password\":\"" + value + "\"", "[\"" + value + "\"]",
        "{\"username\":\"app\",\"pass\":\"" + value + "\"}", "{\"username\":\"app\",\"password\":42}")) {
      SQLException e = catchThrowableOfType(SQLException.class, () -> SdkSecretFetcher.parse(ref, json));
      assertThat(e.getMessage()).as(json).contains("secret 'prod/db'").doesNotContain(value).doesNotContain("42");
      assertThat(e.getSQLState()).isEqualTo("08001");
    }
  }

  @Test
  void credentialsNeverPrintThePassword() throws SQLException {
    assertThat(new DbCredentials("app", "pw-1").toString()).doesNotContain("pw-1").contains("app");
    SecretsManagerCredentials c = credentials();
    c.current();
    assertThat(c.toString()).doesNotContain("pw-1").contains("prod/db");
  }
}

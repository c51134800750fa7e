package dev.borealis.jdbc.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.borealis.jdbc.spi.ConnectChain;
import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.spi.PluginContext;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** An authentication failure costs one refresh and one more try; nothing else is retried. */
class CredentialsPluginTest {

  private static final HostSpec HOST = HostSpec.of("db.example.test", 5432);
  private static final Connection OPEN = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
      new Class<?>[] {Connection.class}, (p, m, a) -> null);

  /** Credentials numbered 1, 2, …: a refresh moves to the next. */
  private static final class Counting implements RefreshableCredentials {
    int current = 1;
    final List<Object> refreshed = new ArrayList<>();

    @Override
    public void apply(HostSpec host, Properties target) {
      target.setProperty("password", "pw-" + current);
    }

    @Override
    public Object inUse(HostSpec host) {
      return current;
    }

    @Override
    public void refresh(HostSpec host, Object stale) {
      refreshed.add(stale);
      current++;
    }

    @Override
    public String describe(HostSpec host) {
      return "secret 'prod/db'";
    }
  }

  /** Answers each proceed() with the next outcome: an exception is thrown, null opens a connection. */
  private static ConnectChain chain(Deque<SQLException> outcomes, List<HostSpec> proceeded) {
    return new ConnectChain() {
      @Override
      public HostSpec host() {
        return HOST;
      }

      @Override
      public boolean initial() {
        return true;
      }

      @Override
      public PluginContext context() {
        return null;
      }

      @Override
      public Connection proceed(HostSpec host) throws SQLException {
        proceeded.add(host);
        SQLException next = outcomes.poll();
        if (next != null) {
          throw next;
        }
        return OPEN;
      }

      @Override
      public Connection proceed(HostSpec host, long boundMs) throws SQLException {
        return proceed(host);
      }

      @Override
      public long deadline(long timeoutMs) {
        return System.nanoTime() + timeoutMs * 1_000_000;
      }
    };
  }

  private final Counting credentials = new Counting();
  private final CredentialsPlugin plugin = new CredentialsPlugin("awsSecretsManager", () -> credentials);
  private final List<HostSpec> proceeded = new ArrayList<>();

  @Test
  void aRefusedPasswordIsRefreshedOnceAndTheConnectSucceeds() throws SQLException {
    Deque<SQLException> outcomes = new ArrayDeque<>(List.of(
        new SQLException("password authentication failed for user \"app\"", "28P01")));
    assertThat(plugin.connect(chain(outcomes, proceeded))).isSameAs(OPEN);
    assertThat(credentials.refreshed).containsExactly(1);
    assertThat(proceeded).containsExactly(HOST, HOST);
  }

  @Test
  void mysqlAccessDeniedCountsAsAnAuthenticationFailure() throws SQLException {
    Deque<SQLException> outcomes = new ArrayDeque<>(List.of(
        new SQLException("Access denied for user 'app'@'10.0.0.1' (using password: YES)", "28000", 1045)));
    assertThat(plugin.connect(chain(outcomes, proceeded))).isSameAs(OPEN);
    assertThat(credentials.refreshed).hasSize(1);
  }

  @Test
  void aSecondRefusalIsReportedNamingWhereTheCredentialsCameFrom() {
    Deque<SQLException> outcomes = new ArrayDeque<>(List.of(new SQLException("denied", "28P01"),
        new SQLException("denied again", "28P01")));
    SQLException e = catchThrowableOfType(SQLException.class, () -> plugin.connect(chain(outcomes, proceeded)));
    assertThat(e.getMessage()).contains("secret 'prod/db'").contains("also after refreshing").contains("denied again");
    assertThat(e.getSQLState()).isEqualTo("28P01");
    assertThat(credentials.refreshed).hasSize(1);
  }

  @Test
  void otherFailuresAreNotRetried() {
    Deque<SQLException> outcomes = new ArrayDeque<>(List.of(new SQLException("Connection refused", "08001")));
    SQLException e = catchThrowableOfType(SQLException.class, () -> plugin.connect(chain(outcomes, proceeded)));
    assertThat(e.getSQLState()).isEqualTo("08001");
    assertThat(credentials.refreshed).isEmpty();
    assertThat(proceeded).hasSize(1);
  }
}

package dev.borealis.jdbc.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.borealis.jdbc.spi.ConnectChain;
import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.spi.JdbcMethod;
import dev.borealis.jdbc.spi.Plugin;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One deadline per connect (issue 12): every step of a connect, however often the plugins before it proceed,
 * counts its wait from the same start, the one the connect was begun with, so retries do not multiply the wait.
 */
class ConnectDeadlineSharingTest {

  private static final HostSpec HOST = HostSpec.of("db.example", 3306);
  private static final HostSpec SIBLING = HostSpec.of("db-ro.example", 3306);
  private static final long TIMEOUT_MS = 2_000;

  /** The deadline each inner step computed for {@link #TIMEOUT_MS}. */
  private final List<Long> deadlines = new ArrayList<>();

  @Test
  void aPluginThatProceedsSeveralTimesGivesEveryLaterStepTheSameDeadline() throws SQLException {
    Pipeline p = new Pipeline(List.of(new ThreeTries(), new DeadlineRecorder()), null);
    long start = System.nanoTime() - 1_000_000_000L; // the application's connect() began a second ago

    p.connect(HOST, true, 0, start, (host, bound) -> PLACEHOLDER);

    assertThat(deadlines).hasSize(3).containsOnly(start + TIMEOUT_MS * 1_000_000L);
  }

  @Test
  void aConnectWithoutAGivenStartCountsFromNow() throws SQLException {
    Pipeline p = new Pipeline(List.of(new DeadlineRecorder()), null);
    long before = System.nanoTime();

    p.connect(HOST, false, 0, (host, bound) -> PLACEHOLDER);

    assertThat(deadlines).singleElement().satisfies(d -> assertThat(d - TIMEOUT_MS * 1_000_000L)
        .isBetween(before, System.nanoTime()));
  }

  private static final Connection PLACEHOLDER = (Connection) java.lang.reflect.Proxy.newProxyInstance(
      ConnectDeadlineSharingTest.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, m, args) -> {
        throw new UnsupportedOperationException("placeholder connection: " + m.getName());
      });

  /** Like the initial-connection plugin's sibling tries: proceeds to another host twice more. */
  private static final class ThreeTries implements Plugin {
    @Override
    public String code() {
      return "testThreeTries";
    }

    @Override
    public Set<JdbcMethod> subscriptions() {
      return Set.of();
    }

    @Override
    public Connection connect(ConnectChain chain) throws SQLException {
      chain.proceed(chain.host());
      chain.proceed(SIBLING);
      return chain.proceed(SIBLING);
    }
  }

  /** Like connect-time failover: computes its deadline from the chain. */
  private final class DeadlineRecorder implements Plugin {
    @Override
    public String code() {
      return "testDeadlineRecorder";
    }

    @Override
    public Set<JdbcMethod> subscriptions() {
      return Set.of();
    }

    @Override
    public Connection connect(ConnectChain chain) throws SQLException {
      deadlines.add(chain.deadline(TIMEOUT_MS));
      return chain.proceed(chain.host());
    }
  }
}

package dev.borealis.jdbc.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * A plugin that connects on its own account (a failover retrying instance after instance) bounds what it opens;
 * the bound reaches the physical opener through the plugins after it, and a plain {@code proceed(host)} keeps the
 * bound its step was given.
 */
class ConnectBoundTest {

  private static final HostSpec HOST = HostSpec.of("db.example", 3306);

  /** The bound each physical open was given. */
  private final List<Long> opened = new ArrayList<>();

  @Test
  void aBoundSetByAPluginReachesTheOpenerThroughTheLaterPlugins() throws SQLException {
    Pipeline p = new Pipeline(List.of(new Bounding(1_234), new PassThrough()), null);

    p.connect(HOST, true, 0, this::openOrPlaceholder);

    assertThat(opened).containsExactly(1_234L);
  }

  @Test
  void withoutABoundTheApplicationsOwnTimeoutsApply() throws SQLException {
    Pipeline p = new Pipeline(List.of(new PassThrough()), null);

    p.connect(HOST, true, 0, this::openOrPlaceholder);
    p.connect(HOST, false, 750, this::openOrPlaceholder);

    assertThat(opened).containsExactly(0L, 750L);
  }

  @Test
  void aNegativeBoundIsRefusedByName() {
    Pipeline p = new Pipeline(List.of(new Bounding(-5)), null);

    assertThatThrownBy(() -> p.connect(HOST, true, 0, this::openOrPlaceholder))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("db.example:3306").hasMessageContaining("-5 ms");
  }

  /** Records the bound; the chain refuses a step that answers no connection, so it answers with a placeholder. */
  private Connection openOrPlaceholder(HostSpec host, long boundMs) {
    opened.add(boundMs);
    return PLACEHOLDER;
  }

  private static final Connection PLACEHOLDER = (Connection) java.lang.reflect.Proxy.newProxyInstance(
      ConnectBoundTest.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
        throw new UnsupportedOperationException("placeholder connection: " + method.getName());
      });

  /** Opens with a bound of its own, like the failover plugin does. */
  private record Bounding(long boundMs) implements Plugin {
    @Override
    public String code() {
      return "testBounding";
    }

    @Override
    public Set<JdbcMethod> subscriptions() {
      return Set.of();
    }

    @Override
    public Connection connect(ConnectChain chain) throws SQLException {
      return chain.proceed(chain.host(), boundMs);
    }
  }

  /** Proceeds without naming a bound: inherits the one its step was given. */
  private static final class PassThrough implements Plugin {
    @Override
    public String code() {
      return "testPassThrough";
    }

    @Override
    public Set<JdbcMethod> subscriptions() {
      return Set.of();
    }

    @Override
    public Connection connect(ConnectChain chain) throws SQLException {
      return chain.proceed(chain.host());
    }
  }
}

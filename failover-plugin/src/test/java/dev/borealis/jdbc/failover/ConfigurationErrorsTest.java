package dev.borealis.jdbc.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.borealis.cluster.Engine;
import dev.borealis.cluster.server.Endpoint;
import dev.borealis.jdbc.ConnectionConfigurationException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A configuration error fails the connect at once with its own SQLSTATE, where it used to be retried as a
 * connectivity problem for the whole failover timeout (four times over through a cluster endpoint, issue 12). Each
 * case connects through the cluster endpoint of a cluster this JVM has never reached (no dialect, no topology: the
 * path where only SQLSTATE classes decide) with a failover timeout far above what "at once" allows.
 */
class ConfigurationErrorsTest {

  private static final long FAILOVER_TIMEOUT_MS = 10_000;
  /** Far below the failover timeout, far above a refused login on loopback. */
  private static final long AT_ONCE_MS = 3_000;
  private ServedCluster served;
  private ServedCluster other;

  @AfterEach
  void stop() {
    if (served != null) {
      served.close();
    }
    if (other != null) {
      other.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aWrongPasswordFailsAtOnceWithTheServersAuthenticationState(Engine engine) throws Exception {
    served = ServedCluster.start(engine, 1);
    String url = endpointUrl("").replace("password=admin", "password=wrong");

    SQLException e = failsAtOnce(url);

    assertThat(e.getSQLState()).isEqualTo(engine == Engine.MYSQL ? "28000" : "28P01");
    assertThat((Throwable) e).isInstanceOf(ConnectionConfigurationException.class);
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aTlsCertificateThatDoesNotVerifyFailsAtOnce(Engine engine) throws Exception {
    served = ServedCluster.start(engine, 1);
    // The cluster's certificate is self-signed: neither the JVM's trust store nor any default trusts it.
    String verify = engine == Engine.MYSQL ? "sslMode=VERIFY_IDENTITY"
        : "sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory";

    SQLException e = failsAtOnce(endpointUrl(verify));

    assertThat((Throwable) e).isInstanceOf(ConnectionConfigurationException.class);
    assertThat(e.getMessage()).contains("TLS certificate did not verify");
  }

  /**
   * pgJDBC on a MySQL port reads the server's greeting as the answer to its SSL request: 08P01. (The other way round
   * cannot be told from a silent server: Connector/J waits for a greeting a PostgreSQL server never sends, bounded
   * only by its own timeouts and the connect's one deadline.)
   */
  @ParameterizedTest
  @EnumSource(value = Engine.class, names = "MYSQL")
  void aPostgresqlUrlOnAMysqlPortFailsAtOnceWithAProtocolViolation(Engine engine) throws Exception {
    served = ServedCluster.start(engine, 1);
    Endpoint writer = served.server.instanceEndpoint(served.writerId());
    String url = "jdbc:borealis:postgresql://" + writer.ip() + ":" + writer.port() + "/postgres?user=admin"
        + "&password=admin&clusterId=" + served.unseenClusterId() + "&failoverTimeoutMs=" + FAILOVER_TIMEOUT_MS;

    SQLException e = failsAtOnce(url);

    assertThat(e.getSQLState()).isEqualTo("08P01");
    assertThat((Throwable) e).isInstanceOf(ConnectionConfigurationException.class);
  }

  private String endpointUrl(String extra) {
    return served.clusterEndpointUrl(served.unseenClusterId(), served.server.clusterEndpoint().port(),
        "failoverTimeoutMs=" + FAILOVER_TIMEOUT_MS + (extra.isEmpty() ? "" : "&" + extra));
  }

  private static SQLException failsAtOnce(String url) {
    long start = System.nanoTime();
    SQLException e = catchThrowableOfType(SQLException.class, () -> DriverManager.getConnection(url).close());
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat((Throwable) e).as("connect to %s", url).isNotNull();
    assertThat(ms).as("time to fail (%s %s)", e.getSQLState(), e.getMessage()).isLessThan(AT_ONCE_MS);
    return e;
  }
}

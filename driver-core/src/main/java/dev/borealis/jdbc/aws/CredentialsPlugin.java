package dev.borealis.jdbc.aws;

import dev.borealis.jdbc.spi.ConnectChain;
import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.spi.JdbcMethod;
import dev.borealis.jdbc.spi.Plugin;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The connect hook of both AWS credentials plugins: core applies the credentials to every physical connection;
 * this turns an authentication failure into one refresh and one more try, so a rotated secret or a token the server
 * no longer accepts does not fail the application. A second failure is reported with where the credentials came
 * from (never what they are).
 */
final class CredentialsPlugin implements Plugin {

  /** Builds the plugin's view of the shared credentials, on the first connect (the factory checked the SDK). */
  @FunctionalInterface
  interface SourceFactory {
    RefreshableCredentials create() throws SQLException;
  }

  private static final Logger LOG = Logger.getLogger(CredentialsPlugin.class.getName());

  private final String code;
  private final SourceFactory sources;
  /** Built on the first connect; a logical connection connects from one thread at a time. */
  private volatile RefreshableCredentials source;

  CredentialsPlugin(String code, SourceFactory sources) {
    this.code = code;
    this.sources = sources;
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public Set<JdbcMethod> subscriptions() {
    return Set.of();
  }

  private RefreshableCredentials source() throws SQLException {
    if (source == null) {
      source = sources.create();
    }
    return source;
  }

  @Override
  public Connection connect(ConnectChain chain) throws SQLException {
    HostSpec host = chain.host();
    RefreshableCredentials credentials = source();
    Object used = credentials.inUse(host);
    try {
      return chain.proceed(host);
    } catch (SQLException e) {
      if (!AuthFailures.isAuthFailure(e)) {
        throw e;
      }
      LOG.info(() -> code + ": " + host.hostAndPort() + " refused the credentials (" + e.getSQLState() + "/"
          + e.getErrorCode() + ") of " + credentials.describe(host) + "; refreshing them and trying once more");
      credentials.refresh(host, used);
      return retry(chain, host, credentials);
    }
  }

  private Connection retry(ConnectChain chain, HostSpec host, RefreshableCredentials credentials)
      throws SQLException {
    try {
      return chain.proceed(host);
    } catch (SQLException again) {
      if (!AuthFailures.isAuthFailure(again)) {
        throw again;
      }
      throw new SQLException(code + ": " + host.hostAndPort() + " refused the credentials of "
          + credentials.describe(host) + " also after refreshing them: " + again.getMessage(), again.getSQLState(),
          again.getErrorCode(), again);
    }
  }

  @Override
  public String toString() {
    return code + "[" + source + "]";
  }
}

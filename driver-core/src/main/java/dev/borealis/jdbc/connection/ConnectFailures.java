package dev.borealis.jdbc.connection;

import dev.borealis.jdbc.ConnectionConfigurationException;
import dev.borealis.jdbc.spi.HostSpec;
import java.io.FileNotFoundException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.sql.SQLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Tells a target driver's connect failure that retrying cannot fix (a configuration error) from one that another
 * try, instance or moment may (connectivity), before any plugin decides whether to retry. Both drivers report some
 * configuration errors in SQLSTATE class 08 (a protocol violation, a certificate that does not verify), which the
 * dialects' connection-lost rules would otherwise retry for the whole failover timeout.
 */
final class ConnectFailures {

  /** ER_ACCESS_DENIED_ERROR, which some Connector/J paths report without class 28 (as the credentials plugin knows). */
  private static final int MYSQL_ACCESS_DENIED = 1045;

  private ConnectFailures() {
  }

  /** The target driver's failure to connect to {@code host}, named; a configuration error as such. */
  static SQLException describe(HostSpec host, SQLException e) {
    String state = e.getSQLState() == null ? "08001" : e.getSQLState();
    String problem = configurationProblem(e);
    if (problem != null) {
      return new ConnectionConfigurationException("cannot connect to " + host.hostAndPort() + ": " + problem
          + ", not retried: " + e.getMessage(), state, e.getErrorCode(), e);
    }
    return new SQLException("cannot connect to " + host.hostAndPort() + ": " + e.getMessage(), state,
        e.getErrorCode(), e);
  }

  /** What is misconfigured, or null for a failure that may pass. */
  static String configurationProblem(SQLException e) {
    if (ConnectionConfigurationException.isIn(e)) {
      return "configuration error";
    }
    String state = e.getSQLState();
    if (state != null && state.startsWith("28") || e.getErrorCode() == MYSQL_ACCESS_DENIED) {
      return "authentication failed (SQLSTATE " + state + ")";
    }
    if ("08004".equals(state)) {
      return "the server rejected the connection (SQLSTATE 08004)";
    }
    if ("08P01".equals(state)) {
      return "the server does not speak this protocol (SQLSTATE 08P01: is the port another engine's?)";
    }
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof CertificateException || t instanceof SSLPeerUnverifiedException) {
        return "the server's TLS certificate did not verify (" + t.getClass().getSimpleName() + ")";
      }
      // pgJDBC reads its root certificate and keys from files (sslrootcert, sslkey; ~/.postgresql by default)
      if (t instanceof GeneralSecurityException || t instanceof FileNotFoundException) {
        return "the TLS trust or key material could not be used (" + t.getClass().getSimpleName() + ")";
      }
    }
    return null;
  }
}

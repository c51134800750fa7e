package dev.borealis.jdbc;

import java.sql.SQLNonTransientConnectionException;

/**
 * Opening a connection failed for a reason retrying cannot fix: the credentials were refused (SQLSTATE class 28),
 * the server rejected the connection (08004), the port speaks another protocol (08P01), or the server's TLS
 * certificate did not verify. The SQLSTATE is the target driver's. The driver's plugins do not retry it (no
 * connect-time failover, no other instance, no other URL host): it fails the connect at once.
 */
public final class ConnectionConfigurationException extends SQLNonTransientConnectionException {

  private static final long serialVersionUID = 1L;

  public ConnectionConfigurationException(String reason, String sqlState, int vendorCode, Throwable cause) {
    super(reason, sqlState, vendorCode, cause);
  }

  /** Whether {@code e} or one of its causes is a configuration error. */
  public static boolean isIn(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectionConfigurationException) {
        return true;
      }
    }
    return false;
  }
}

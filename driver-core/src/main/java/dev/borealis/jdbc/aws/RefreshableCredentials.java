package dev.borealis.jdbc.aws;

import dev.borealis.jdbc.spi.CredentialSource;
import dev.borealis.jdbc.spi.HostSpec;
import java.sql.SQLException;

/** Cached credentials that an authentication failure can replace (a rotated secret, a token the server refused). */
interface RefreshableCredentials extends CredentialSource {

  /** What a connect to {@code host} uses now (loaded if nothing is cached); an opaque handle for {@link #refresh}. */
  Object inUse(HostSpec host) throws SQLException;

  /** Drops {@code stale} if it is still cached, so the next connect to {@code host} loads anew. */
  void refresh(HostSpec host, Object stale);

  /** Where the credentials come from, for messages: never the credentials themselves. */
  String describe(HostSpec host);
}

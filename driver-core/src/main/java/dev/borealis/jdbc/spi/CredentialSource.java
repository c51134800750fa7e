package dev.borealis.jdbc.spi;

import java.sql.SQLException;
import java.util.Properties;

/**
 * What a physical connection authenticates with when it does not come from the URL or the {@code Properties}: a
 * secret store, a short-lived token. Supplied by a {@link PluginFactory}; core applies it to every physical
 * connection it opens for the cluster (the application's, the topology reader's, plugins' probes), so all of them
 * log in the same way. Implementations cache: this is called once per physical connection.
 */
@FunctionalInterface
public interface CredentialSource {

  /**
   * Puts the user and password for a connection to {@code host} into {@code targetProperties}. Fails with an
   * {@link SQLException} that names where the credentials come from and never contains them.
   */
  void apply(HostSpec host, Properties targetProperties) throws SQLException;
}

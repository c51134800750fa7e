package dev.borealis.jdbc.spi;

import dev.borealis.jdbc.config.BorealisConfig;
import dev.borealis.jdbc.config.Property;
import java.sql.SQLException;
import java.util.List;

/**
 * Creates one {@link Plugin} per logical connection. Registered with {@link java.util.ServiceLoader}; selected by
 * its {@link #code()} in the {@code wrapperPlugins} property.
 */
public interface PluginFactory {

  String code();

  PluginStage stage();

  /** Whether the plugin is in the set used when {@code wrapperPlugins} is not given. */
  default boolean enabledByDefault() {
    return false;
  }

  /** The plugin's own properties, validated with the core ones once per connection. */
  default List<Property<?>> properties() {
    return List.of();
  }

  /**
   * The credentials every physical connection of the cluster logs in with, or null when this plugin does not supply
   * any (the default). Called once per connect, before any physical connection is opened, so a plugin whose
   * dependencies are missing or whose settings are incomplete fails the connect here with a message naming them.
   */
  default CredentialSource credentials(BorealisConfig config, TargetEngine engine) throws SQLException {
    return null;
  }

  Plugin create(PluginContext context);
}

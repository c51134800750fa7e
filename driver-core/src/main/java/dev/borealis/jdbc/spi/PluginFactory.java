package dev.borealis.jdbc.spi;

import dev.borealis.jdbc.config.Property;
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

  Plugin create(PluginContext context);
}

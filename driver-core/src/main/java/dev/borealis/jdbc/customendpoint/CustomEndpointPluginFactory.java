package dev.borealis.jdbc.customendpoint;

import dev.borealis.jdbc.config.Property;
import dev.borealis.jdbc.spi.Plugin;
import dev.borealis.jdbc.spi.PluginContext;
import dev.borealis.jdbc.spi.PluginFactory;
import dev.borealis.jdbc.spi.PluginStage;
import java.util.List;

/** Registers the {@code customEndpoint} plugin (not on by default: add it to {@code wrapperPlugins}). */
public final class CustomEndpointPluginFactory implements PluginFactory {

  @Override
  public String code() {
    return CustomEndpointPlugin.CODE;
  }

  /** Outermost: it narrows the topology before the initial-connection plugin picks an instance from it. */
  @Override
  public PluginStage stage() {
    return PluginStage.INITIAL_CONNECTION;
  }

  @Override
  public List<Property<?>> properties() {
    return CustomEndpointProperties.all();
  }

  @Override
  public Plugin create(PluginContext context) {
    return new CustomEndpointPlugin(context);
  }
}

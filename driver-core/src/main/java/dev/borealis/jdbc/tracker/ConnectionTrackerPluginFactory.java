package dev.borealis.jdbc.tracker;

import dev.borealis.jdbc.spi.Plugin;
import dev.borealis.jdbc.spi.PluginContext;
import dev.borealis.jdbc.spi.PluginFactory;
import dev.borealis.jdbc.spi.PluginStage;

/** Registers {@code connectionTracker}. */
public final class ConnectionTrackerPluginFactory implements PluginFactory {

  @Override
  public String code() {
    return ConnectionTrackerPlugin.CODE;
  }

  @Override
  public PluginStage stage() {
    return PluginStage.CONNECTION_TRACKING;
  }

  @Override
  public boolean enabledByDefault() {
    return true;
  }

  @Override
  public Plugin create(PluginContext context) {
    return new ConnectionTrackerPlugin(context, context.clusterId());
  }
}

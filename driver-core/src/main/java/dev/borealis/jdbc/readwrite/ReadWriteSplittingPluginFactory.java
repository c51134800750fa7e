package dev.borealis.jdbc.readwrite;

import dev.borealis.jdbc.spi.Plugin;
import dev.borealis.jdbc.spi.PluginContext;
import dev.borealis.jdbc.spi.PluginFactory;
import dev.borealis.jdbc.spi.PluginStage;

/** Registers {@code readWriteSplitting}. */
public final class ReadWriteSplittingPluginFactory implements PluginFactory {

  @Override
  public String code() {
    return ReadWriteSplittingPlugin.CODE;
  }

  @Override
  public PluginStage stage() {
    return PluginStage.READ_WRITE_SPLITTING;
  }

  @Override
  public boolean enabledByDefault() {
    return true;
  }

  @Override
  public Plugin create(PluginContext context) {
    return new ReadWriteSplittingPlugin(context);
  }
}

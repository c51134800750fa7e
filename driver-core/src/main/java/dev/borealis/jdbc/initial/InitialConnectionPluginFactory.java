package dev.borealis.jdbc.initial;

import dev.borealis.jdbc.spi.Plugin;
import dev.borealis.jdbc.spi.PluginContext;
import dev.borealis.jdbc.spi.PluginFactory;
import dev.borealis.jdbc.spi.PluginStage;

/** Registers {@code initialConnection}. */
public final class InitialConnectionPluginFactory implements PluginFactory {

  @Override
  public String code() {
    return InitialConnectionPlugin.CODE;
  }

  @Override
  public PluginStage stage() {
    return PluginStage.INITIAL_CONNECTION;
  }

  @Override
  public boolean enabledByDefault() {
    return true;
  }

  @Override
  public Plugin create(PluginContext context) {
    return new InitialConnectionPlugin(context);
  }
}

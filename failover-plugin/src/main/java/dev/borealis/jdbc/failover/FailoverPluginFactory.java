package dev.borealis.jdbc.failover;

import dev.borealis.jdbc.config.Property;
import dev.borealis.jdbc.spi.Plugin;
import dev.borealis.jdbc.spi.PluginContext;
import dev.borealis.jdbc.spi.PluginFactory;
import dev.borealis.jdbc.spi.PluginStage;
import java.util.List;

/** {@code failover}: writer and reader failover, connect-time failover. On by default when this module is present. */
public final class FailoverPluginFactory implements PluginFactory {

  @Override
  public String code() {
    return FailoverPlugin.CODE;
  }

  @Override
  public PluginStage stage() {
    return PluginStage.FAILOVER;
  }

  @Override
  public boolean enabledByDefault() {
    return true;
  }

  @Override
  public List<Property<?>> properties() {
    return FailoverProperties.failover();
  }

  @Override
  public Plugin create(PluginContext context) {
    return new FailoverPlugin(context);
  }
}

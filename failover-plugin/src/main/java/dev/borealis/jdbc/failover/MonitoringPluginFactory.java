package dev.borealis.jdbc.failover;

import dev.borealis.jdbc.config.Property;
import dev.borealis.jdbc.spi.Plugin;
import dev.borealis.jdbc.spi.PluginContext;
import dev.borealis.jdbc.spi.PluginFactory;
import dev.borealis.jdbc.spi.PluginStage;
import java.util.List;

/** {@code efm}: enhanced failure monitoring. On by default when this module is present. */
public final class MonitoringPluginFactory implements PluginFactory {

  @Override
  public String code() {
    return MonitoringPlugin.CODE;
  }

  @Override
  public PluginStage stage() {
    return PluginStage.FAILURE_MONITORING;
  }

  @Override
  public boolean enabledByDefault() {
    return true;
  }

  @Override
  public List<Property<?>> properties() {
    return FailoverProperties.monitoring();
  }

  @Override
  public Plugin create(PluginContext context) {
    return new MonitoringPlugin(context);
  }
}

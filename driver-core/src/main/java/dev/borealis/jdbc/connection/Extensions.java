package dev.borealis.jdbc.connection;

import dev.borealis.jdbc.spi.PluginFactory;
import dev.borealis.jdbc.spi.TargetEngine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Engines and plugin factories found with ServiceLoader, loaded once. */
public final class Extensions {

  private static volatile Extensions loaded;

  private final Map<String, TargetEngine> engines;
  private final Map<String, PluginFactory> plugins;

  private Extensions(Map<String, TargetEngine> engines, Map<String, PluginFactory> plugins) {
    this.engines = engines;
    this.plugins = plugins;
  }

  public static Extensions get() {
    Extensions e = loaded;
    if (e == null) {
      synchronized (Extensions.class) {
        e = loaded;
        if (e == null) {
          e = load();
          loaded = e;
        }
      }
    }
    return e;
  }

  private static Extensions load() {
    ClassLoader cl = Extensions.class.getClassLoader();
    Map<String, TargetEngine> engines = new TreeMap<>();
    ServiceLoader.load(TargetEngine.class, cl).forEach(t -> engines.putIfAbsent(t.scheme(), t));
    Map<String, PluginFactory> plugins = new TreeMap<>();
    ServiceLoader.load(PluginFactory.class, cl).forEach(f -> plugins.putIfAbsent(f.code(), f));
    return new Extensions(Map.copyOf(engines), Map.copyOf(plugins));
  }

  public TargetEngine engine(String scheme) {
    return engines.get(scheme);
  }

  public List<String> engineSchemes() {
    return List.copyOf(new TreeMap<>(engines).keySet());
  }

  public PluginFactory plugin(String code) {
    return plugins.get(code);
  }

  public List<PluginFactory> allPlugins() {
    List<PluginFactory> all = new ArrayList<>(plugins.values());
    all.sort(Comparator.comparing(PluginFactory::code));
    return all;
  }
}

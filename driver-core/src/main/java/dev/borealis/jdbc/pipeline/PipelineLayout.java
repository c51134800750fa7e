package dev.borealis.jdbc.pipeline;

import dev.borealis.jdbc.spi.JdbcMethod;
import dev.borealis.jdbc.spi.Plugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * For each {@link JdbcMethod} (by ordinal), the indexes of the plugins subscribed to it, in chain order; {@code null}
 * where nobody subscribes, which is what makes an unsubscribed call a single array read. Built once per plugin set
 * (the ordered list of plugin codes) and shared by every connection using that set.
 */
final class PipelineLayout {

  private static final Map<List<String>, PipelineLayout> CACHE = new ConcurrentHashMap<>();

  final int[][] byMethod;

  private PipelineLayout(int[][] byMethod) {
    this.byMethod = byMethod;
  }

  /** {@code plugins} must already be in chain order; subscriptions are fixed per plugin class. */
  static PipelineLayout forPlugins(Plugin[] plugins) {
    List<String> key = new ArrayList<>(plugins.length);
    for (Plugin p : plugins) {
      key.add(p.code() + "@" + p.getClass().getName());
    }
    return CACHE.computeIfAbsent(List.copyOf(key), k -> build(plugins));
  }

  private static PipelineLayout build(Plugin[] plugins) {
    JdbcMethod[] methods = JdbcMethod.values();
    int[][] byMethod = new int[methods.length][];
    for (JdbcMethod m : methods) {
      int[] subscribed = new int[plugins.length];
      int n = 0;
      for (int i = 0; i < plugins.length; i++) {
        if (plugins[i].subscriptions().contains(m)) {
          subscribed[n++] = i;
        }
      }
      byMethod[m.ordinal()] = n == 0 ? null : java.util.Arrays.copyOf(subscribed, n);
    }
    return new PipelineLayout(byMethod);
  }
}

package dev.borealis.jdbc.topology;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one place clusters live: keyed by cluster id, so every connection to a cluster shares its topology, stats
 * and refresh thread. An entry lives while connections use it; the last release stops its thread and drops it
 * (atomically with acquisition, so a cluster never has two refresh threads).
 */
public final class ClusterRegistry {

  private static final Cache<String, ClusterTopology> CLUSTERS = Caffeine.newBuilder().build();

  private ClusterRegistry() {
  }

  public static ClusterTopology acquire(String id, Supplier<ClusterTopology> create) {
    return CLUSTERS.asMap().compute(id, (k, existing) -> {
      ClusterTopology c = existing != null ? existing : create.get();
      c.retain();
      return c;
    });
  }

  public static void release(ClusterTopology cluster) {
    boolean[] last = new boolean[1];
    CLUSTERS.asMap().computeIfPresent(cluster.id(), (k, existing) -> {
      if (existing != cluster) {
        return existing;
      }
      last[0] = cluster.releaseOne();
      return last[0] ? null : existing;
    });
    if (last[0]) {
      cluster.shutdown();
    }
  }

  /** The live cluster with this id, if any connection uses it. */
  public static Optional<ClusterTopology> find(String id) {
    return Optional.ofNullable(CLUSTERS.getIfPresent(id));
  }
}

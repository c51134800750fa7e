package dev.borealis.jdbc.topology;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one place clusters live: keyed by cluster id, so every connection to a cluster shares its topology, stats,
 * selectors and refresh thread. While connections use a cluster its entry never expires; the last release stops
 * the refresh thread and lets the entry expire after {@link #IDLE} without use, so a pool that briefly drops to zero
 * connections keeps its topology and round-robin position. Acquire and release run atomically per id, so a cluster
 * never has two refresh threads.
 */
public final class ClusterRegistry {

  static final Duration IDLE = Duration.ofMinutes(10);

  private static final Cache<String, ClusterTopology> CLUSTERS = Caffeine.newBuilder()
      .expireAfter(new Expiry<String, ClusterTopology>() {
        @Override
        public long expireAfterCreate(String key, ClusterTopology value, long currentTime) {
          return lifetime(value);
        }

        @Override
        public long expireAfterUpdate(String key, ClusterTopology value, long currentTime, long currentDuration) {
          return lifetime(value);
        }

        @Override
        public long expireAfterRead(String key, ClusterTopology value, long currentTime, long currentDuration) {
          return lifetime(value);
        }
      })
      .build();

  private ClusterRegistry() {
  }

  private static long lifetime(ClusterTopology c) {
    return c.inUse() ? Long.MAX_VALUE : IDLE.toNanos();
  }

  public static ClusterTopology acquire(String id, Supplier<ClusterTopology> create) {
    return CLUSTERS.asMap().compute(id, (k, existing) -> {
      ClusterTopology c = existing != null ? existing : create.get();
      c.retain();
      return c;
    });
  }

  public static void release(ClusterTopology cluster) {
    Refresher[] stop = new Refresher[1];
    CLUSTERS.asMap().compute(cluster.id(), (k, existing) -> {
      stop[0] = cluster.releaseOne();
      return existing;
    });
    if (stop[0] != null) {
      // Joining the thread happens outside the map's lock so other clusters are not held up.
      cluster.shutdown(stop[0]);
    }
  }

  /** The cluster with this id, if a connection used it recently. */
  public static Optional<ClusterTopology> find(String id) {
    return Optional.ofNullable(CLUSTERS.getIfPresent(id));
  }
}

package dev.borealis.jdbc.aws;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Values that are expensive or rate-limited to get (a secret fetched over the network, a signed token), shared by
 * every connection of the JVM: each lives for its own time to live (Caffeine), and callers asking for a key that is
 * being loaded wait for that one load instead of starting their own. The load runs on the first caller's thread,
 * outside any lock; a failed load is handed to the callers waiting for it and not cached.
 */
final class SharedCache<K, V> {

  /** A loaded value and how long it may be reused. */
  private record Timed<V>(V value, Duration ttl) {
  }

  @FunctionalInterface
  interface Loader<V> {
    V load() throws SQLException;
  }

  private final Cache<K, Timed<V>> loaded = Caffeine.newBuilder().maximumSize(10_000)
      .expireAfter(Expiry.writing((K k, Timed<V> t) -> t.ttl())).build();
  private final ConcurrentHashMap<K, CompletableFuture<V>> loading = new ConcurrentHashMap<>();

  /**
   * The cached value for {@code key}, else the one a concurrent caller is loading, else {@code loader}'s, kept for
   * {@code ttl}. Waits at most {@code waitMs} for another caller's load.
   */
  V get(K key, Duration ttl, long waitMs, Loader<V> loader) throws SQLException {
    Timed<V> hit = loaded.getIfPresent(key);
    if (hit != null) {
      return hit.value();
    }
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> shared = loading.putIfAbsent(key, mine);
    if (shared != null) {
      return await(key, shared, waitMs);
    }
    try {
      // a load may have finished between the first look and taking the slot
      hit = loaded.getIfPresent(key);
      V value = hit != null ? hit.value() : loader.load();
      if (hit == null) {
        loaded.put(key, new Timed<>(value, ttl));
      }
      mine.complete(value);
      return value;
    } catch (SQLException | RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      loading.remove(key, mine);
    }
  }

  private V await(K key, CompletableFuture<V> shared, long waitMs) throws SQLException {
    try {
      return shared.get(waitMs, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SQLException s) {
        // a copy: the original belongs to the thread that loaded
        throw new SQLException(s.getMessage(), s.getSQLState(), s.getErrorCode(), s);
      }
      throw new SQLException(key + ": loading failed: " + e.getCause(), "08001", e.getCause());
    } catch (TimeoutException e) {
      throw new SQLException(key + ": another connection's fetch did not finish within " + waitMs + " ms", "08001", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException(key + ": interrupted while waiting for another connection's fetch", "08001", e);
    }
  }

  /** Drops {@code stale} (only if it is still the cached value), so the next get loads anew. */
  void invalidate(K key, V stale) {
    loaded.asMap().computeIfPresent(key, (k, t) -> t.value() == stale ? null : t);
  }
}

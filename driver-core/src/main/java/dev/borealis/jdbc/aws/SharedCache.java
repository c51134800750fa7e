package dev.borealis.jdbc.aws;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Values that are expensive or rate-limited to get (a secret fetched over the network, a signed token), shared by
 * every connection of the JVM: each lives for its own time to live, and callers asking for a key that is being
 * loaded wait for that one load instead of starting their own. The load runs on the first caller's thread; no
 * thread of our own, no lock held across it.
 */
final class SharedCache<K, V> {

  /** A loaded value and how long it may be reused. */
  private record Timed<V>(V value, Duration ttl) {
  }

  @FunctionalInterface
  interface Loader<V> {
    V load() throws SQLException;
  }

  private final AsyncCache<K, Timed<V>> cache = Caffeine.newBuilder().maximumSize(10_000)
      // writing, not creating: an async entry gets its real expiry when its future completes (an update)
      .expireAfter(Expiry.writing((K k, Timed<V> t) -> t.ttl())).buildAsync();

  /**
   * The cached value for {@code key}, else the one a concurrent caller is loading, else {@code loader}'s, kept for
   * {@code ttl}. A failed load is not cached. Waits at most {@code waitMs} for another caller's load.
   */
  V get(K key, Duration ttl, long waitMs, Loader<V> loader) throws SQLException {
    CompletableFuture<Timed<V>> mine = new CompletableFuture<>();
    CompletableFuture<Timed<V>> shared = cache.asMap().putIfAbsent(key, mine);
    if (shared == null) {
      try {
        mine.complete(new Timed<>(loader.load(), ttl));
      } catch (SQLException | RuntimeException e) {
        mine.completeExceptionally(e);
        cache.asMap().remove(key, mine);
        throw e;
      }
      return mine.join().value();
    }
    return await(key, shared, waitMs);
  }

  private V await(K key, CompletableFuture<Timed<V>> shared, long waitMs) throws SQLException {
    try {
      return shared.get(waitMs, TimeUnit.MILLISECONDS).value();
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
    CompletableFuture<Timed<V>> f = cache.getIfPresent(key);
    if (f != null && f.isDone() && !f.isCompletedExceptionally() && f.join().value() == stale) {
      cache.asMap().remove(key, f);
    }
  }

  /** The value cached for {@code key} now, or null (nothing is loaded). */
  V peek(K key) {
    CompletableFuture<Timed<V>> f = cache.getIfPresent(key);
    return f != null && f.isDone() && !f.isCompletedExceptionally() ? f.join().value() : null;
  }
}

package dev.borealis.jdbc.selection;

import dev.borealis.jdbc.spi.HostSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-cluster counters the selectors read: how many Borealis logical connections of this JVM sit on each host, and
 * a moving average of how long opening a connection to it took (the only latency every engine lets us measure
 * without extra round trips).
 */
public final class HostStats {

  /** Weight of the newest sample in the moving average. */
  private static final double ALPHA = 0.3;

  private final Map<String, AtomicInteger> connections = new ConcurrentHashMap<>();
  private final Map<String, Double> responseNanos = new ConcurrentHashMap<>();

  public void moved(HostSpec from, HostSpec to) {
    if (from != null) {
      connections.computeIfAbsent(from.hostAndPort(), k -> new AtomicInteger()).decrementAndGet();
    }
    if (to != null) {
      connections.computeIfAbsent(to.hostAndPort(), k -> new AtomicInteger()).incrementAndGet();
    }
  }

  public int connections(HostSpec host) {
    AtomicInteger n = connections.get(host.hostAndPort());
    return n == null ? 0 : n.get();
  }

  public void recordResponse(HostSpec host, long nanos) {
    responseNanos.merge(host.hostAndPort(), (double) nanos, (old, now) -> old + ALPHA * (now - old));
  }

  /** The moving average in nanoseconds, or {@link Double#NaN} when never measured. */
  public double responseNanos(HostSpec host) {
    return responseNanos.getOrDefault(host.hostAndPort(), Double.NaN);
  }
}

package dev.borealis.jdbc.selection;

import dev.borealis.jdbc.spi.HostSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Smooth weighted round-robin (as in nginx): over any window of sum-of-weights picks, each host is chosen exactly
 * weight times, interleaved rather than in bursts. Weights come from the property by instance id or host name,
 * else from the host's own weight.
 */
final class WeightedRoundRobin implements HostSelector {

  private final Map<String, Integer> weights;
  private final Map<String, Long> current = new HashMap<>();

  WeightedRoundRobin(Map<String, Integer> weights) {
    this.weights = Map.copyOf(weights);
  }

  @Override
  public synchronized HostSpec select(List<HostSpec> candidates) {
    long total = 0;
    HostSpec best = null;
    long bestWeight = Long.MIN_VALUE;
    for (HostSpec h : candidates.stream().sorted(java.util.Comparator.comparing(HostSpec::hostAndPort)).toList()) {
      int w = weightOf(h);
      total += w;
      long now = current.merge(h.hostAndPort(), (long) w, Long::sum);
      if (now > bestWeight) {
        bestWeight = now;
        best = h;
      }
    }
    current.merge(best.hostAndPort(), -total, Long::sum);
    return best;
  }

  private int weightOf(HostSpec h) {
    if (h.instanceId() != null) {
      Integer w = weights.get(h.instanceId().toLowerCase(Locale.ROOT));
      if (w != null) {
        return w;
      }
    }
    return weights.getOrDefault(h.host(), h.weight());
  }
}

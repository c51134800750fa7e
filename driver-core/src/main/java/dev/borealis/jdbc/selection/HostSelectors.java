package dev.borealis.jdbc.selection;

import dev.borealis.jdbc.spi.HostSpec;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Creates the selectors named by {@code readerHostSelectorStrategy}, and filters candidates by replica lag. */
public final class HostSelectors {

  private HostSelectors() {
  }

  public static HostSelector create(String strategy, HostStats stats, Map<String, Integer> weights,
      RandomGenerator random) {
    return switch (strategy) {
      case "random" -> candidates -> candidates.get(random.nextInt(candidates.size()));
      case "roundRobin" -> new WeightedRoundRobin(weights);
      case "leastConnections" -> candidates -> pickMin(candidates, h -> (double) stats.connections(h), random);
      case "fastestResponse" -> candidates -> pickMin(candidates, h -> unmeasuredFirst(stats.responseNanos(h)),
          random);
      case "lowestLag" -> candidates -> pickMin(candidates, HostSpec::lagMs, random);
      default -> throw new IllegalArgumentException("unknown host selector strategy '" + strategy + "'");
    };
  }

  /** Readers whose lag is within {@code maxLagMs}; all of them when the bound is 0 (off). */
  public static List<HostSpec> withinLag(List<HostSpec> readers, long maxLagMs) {
    if (maxLagMs <= 0) {
      return readers;
    }
    return readers.stream().filter(h -> h.lagMs() <= maxLagMs).toList();
  }

  /** Parses {@code id:weight,…} (already validated by the property's rule). */
  public static Map<String, Integer> parseWeights(String pairs) {
    Map<String, Integer> weights = new HashMap<>();
    if (pairs == null || pairs.isBlank()) {
      return weights;
    }
    for (String pair : pairs.split(",")) {
      int colon = pair.lastIndexOf(':');
      weights.put(pair.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
          Math.max(1, Integer.parseInt(pair.substring(colon + 1).trim())));
    }
    return weights;
  }

  /** A host never measured is tried first, so every host gets measured. */
  private static double unmeasuredFirst(double nanos) {
    return Double.isNaN(nanos) ? -1 : nanos;
  }

  /** The minimum by {@code score}; ties broken at random so equal hosts share the load. */
  private static HostSpec pickMin(List<HostSpec> candidates, java.util.function.ToDoubleFunction<HostSpec> score,
      RandomGenerator random) {
    double best = candidates.stream().mapToDouble(score).min().orElseThrow();
    List<HostSpec> ties = candidates.stream().filter(h -> score.applyAsDouble(h) == best)
        .sorted(Comparator.comparing(HostSpec::hostAndPort)).toList();
    return ties.get(random.nextInt(ties.size()));
  }
}

package dev.borealis.benchmarks;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Single-threaded throughput of several contenders on one workload, measured in short interleaved rounds (A B C,
 * B C A, C A B, …) so that bursts of load from other processes on a shared machine spread over all contenders
 * instead of landing on one; each contender's figure is the median of its rounds.
 */
final class Throughput {

  /** One unit of work: a statement round trip and reading its result. */
  @FunctionalInterface
  interface Op {
    void run() throws SQLException;
  }

  /** A contender's ops/s: the median of its rounds, and the slowest and fastest round to show the noise. */
  record Rate(double median, double min, double max) {
  }

  /** What is measured, and how long. */
  record Plan(Duration warmup, Duration round, int rounds) {
    /** A warm-up of twice a round (at least 2 s) per contender, then the rounds. */
    static Plan ofSeconds(double roundSeconds, int rounds) {
      if (!(roundSeconds > 0) || rounds < 1) {
        throw new IllegalArgumentException("round length " + roundSeconds + " s and rounds " + rounds
            + ": both must be positive");
      }
      Duration round = Duration.ofMillis((long) (roundSeconds * 1000));
      return new Plan(Duration.ofMillis(Math.max(2000, 2 * round.toMillis())), round, rounds);
    }

    /** Benchmark args {@code [ENGINE] [seconds per round] [rounds]}: 1 s and 9 rounds unless given. */
    static Plan fromArgs(String[] args) {
      return ofSeconds(args.length > 1 ? Double.parseDouble(args[1]) : 1, args.length > 2 ? Integer.parseInt(args[2])
          : 9);
    }

    @Override
    public String toString() {
      return String.format("single thread, %.1f s warm-up then %d interleaved rounds of %.1f s each, median",
          warmup.toMillis() / 1000.0, rounds, round.toMillis() / 1000.0);
    }
  }

  private Throughput() {
  }

  /**
   * Ops/s per contender (insertion order kept), the median of {@code plan.rounds()} rounds. A contender whose
   * operation fails is dropped from the remaining rounds and named in {@code failures} with its error, so one
   * broken connection does not lose the others' figures.
   */
  static Map<String, Rate> measure(Map<String, Op> contenders, Plan plan, List<String> failures) {
    Map<String, Op> live = new LinkedHashMap<>(contenders);
    for (String name : List.copyOf(live.keySet())) {
      runOrDrop(live, name, plan.warmup(), failures);
    }
    Map<String, double[]> samples = new LinkedHashMap<>();
    contenders.keySet().forEach(name -> samples.put(name, new double[plan.rounds()]));
    List<String> names = new ArrayList<>(contenders.keySet());
    for (int round = 0; round < plan.rounds(); round++) {
      // Each round starts with the next contender, so none always runs right after another's garbage or JIT work.
      for (int k = 0; k < names.size(); k++) {
        String name = names.get((round + k) % names.size());
        if (live.containsKey(name)) {
          samples.get(name)[round] = runOrDrop(live, name, plan.round(), failures);
        }
      }
    }
    Map<String, Rate> rates = new LinkedHashMap<>();
    samples.forEach((name, s) -> {
      if (live.containsKey(name)) {
        rates.put(name, new Rate(median(s), Arrays.stream(s).min().orElse(0), Arrays.stream(s).max().orElse(0)));
      }
    });
    return rates;
  }

  private static double runOrDrop(Map<String, Op> live, String name, Duration length, List<String> failures) {
    try {
      return loop(live.get(name), length);
    } catch (SQLException e) {
      live.remove(name);
      failures.add("failed " + name + " mid-run, dropped: " + e.getClass().getSimpleName() + ": "
          + firstLine(e.getMessage()) + " (SQLSTATE " + e.getSQLState() + ")"
          + (e.getCause() != null ? "; cause: " + firstLine(e.getCause().getMessage()) : ""));
      return 0;
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private static double loop(Op op, Duration length) throws SQLException {
    long ops = 0;
    long start = System.nanoTime();
    long deadline = start + length.toNanos();
    long now;
    do {
      // Check the clock every 16 operations: cheap next to a network round trip, precise enough at ~1 s.
      for (int i = 0; i < 16; i++) {
        op.run();
      }
      ops += 16;
      now = System.nanoTime();
    } while (now < deadline);
    return ops / ((now - start) / 1e9);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /**
   * A table row per contender: median ops/s, µs/op, the slowest–fastest round, and the ratio of medians to
   * {@code baseline} ({@code null}: no ratio column).
   */
  static void print(String workload, Map<String, Rate> results, String baseline, List<String> skipped) {
    Rate base = baseline == null ? null : results.get(baseline);
    System.out.printf("%-31s %-52s %9s %8s %15s  %s%n", workload, "contender", "ops/s", "µs/op", "rounds min-max",
        base == null ? "" : "vs " + baseline);
    for (Map.Entry<String, Rate> r : results.entrySet()) {
      Rate rate = r.getValue();
      System.out.printf("%-31s %-52s %9.0f %8.1f %15s  %s%n", "", r.getKey(), rate.median(), 1e6 / rate.median(),
          String.format("%.0f-%.0f", rate.min(), rate.max()),
          base == null ? "" : String.format("%.3fx", rate.median() / base.median()));
    }
    for (String s : skipped) {
      System.out.printf("%-31s %s%n", "", s);
    }
  }

  /** Ratio lines {@code a / b} for the pairs given, e.g. "Borealis vs raw pgJDBC". */
  static List<String> ratios(Map<String, Rate> results, String... pairs) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      Rate ra = results.get(pairs[i]);
      Rate rb = results.get(pairs[i + 1]);
      if (ra != null && rb != null) {
        double a = ra.median();
        double b = rb.median();
        lines.add(String.format("%s / %s = %.3f (%+.1f %% time per op)", pairs[i], pairs[i + 1], a / b,
            (b / a - 1) * 100));
      }
    }
    return lines;
  }
}

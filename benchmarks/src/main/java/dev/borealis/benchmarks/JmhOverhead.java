package dev.borealis.benchmarks;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link WrapperOverheadBenchmark} through JMH inside the shaded jar and prints each driver's time per call
 * and its ratio to the bare stub driver. Defaults sized for a shared 2-core machine: 1 fork, 3 warm-up iterations
 * of 1 s, 5 measured iterations of 1 s, 1 thread (about 2 minutes in all). Any JMH command-line option
 * ({@code -f}, {@code -wi}, {@code -i}, {@code -w}, {@code -r}, {@code -p driver=…}, a benchmark regex …) overrides
 * the default it names.
 * Run: {@code java -jar benchmarks/target/borealis-benchmarks.jar jmh-overhead [JMH options]}
 */
final class JmhOverhead {

  private JmhOverhead() {
  }

  static void run(String[] args) throws Exception {
    CommandLineOptions cli = new CommandLineOptions(args);
    OptionsBuilder builder = new OptionsBuilder();
    if (cli.getIncludes().isEmpty()) {
      builder.include(WrapperOverheadBenchmark.class.getName());
    }
    if (!cli.getForkCount().hasValue()) {
      builder.forks(1);
    }
    if (!cli.getWarmupIterations().hasValue()) {
      builder.warmupIterations(3);
    }
    if (!cli.getWarmupTime().hasValue()) {
      builder.warmupTime(TimeValue.seconds(1));
    }
    if (!cli.getMeasurementIterations().hasValue()) {
      builder.measurementIterations(5);
    }
    if (!cli.getMeasurementTime().hasValue()) {
      builder.measurementTime(TimeValue.seconds(1));
    }
    Options options = builder.parent(cli).build();
    System.out.printf("== JMH wrapper overhead on a stub target driver, %d cores, JDK %s%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    printRatios(new Runner(options).run());
  }

  /** One line per benchmark and driver: ns/op ± error and the ratio to the bare stub on the same benchmark. */
  private static void printRatios(Collection<RunResult> results) {
    Map<String, Map<String, double[]>> byBenchmark = new TreeMap<>();
    for (RunResult r : results) {
      String label = r.getParams().getBenchmark();
      String name = label.substring(label.lastIndexOf('.') + 1);
      String driver = r.getParams().getParam("driver");
      byBenchmark.computeIfAbsent(name, k -> new LinkedHashMap<>())
          .put(driver, new double[] {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()});
    }
    System.out.println();
    System.out.printf("%-16s %-26s %10s %9s  %s%n", "benchmark", "driver", "ns/op", "± error", "vs stub");
    byBenchmark.forEach((name, drivers) -> {
      double[] bare = drivers.get("stub");
      // JMH reports no error (NaN) when there were fewer than two measured iterations.
      drivers.forEach((driver, score) -> System.out.printf("%-16s %-26s %10.1f %9s  %s%n", name, driver,
          score[0], Double.isNaN(score[1]) ? "-" : String.format("%.1f", score[1]),
          bare == null ? "-" : String.format("%.2fx (%+.1f ns)", score[0] / bare[0], score[0] - bare[0])));
    });
  }
}

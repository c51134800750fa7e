package dev.borealis.benchmarks;

import java.util.Arrays;

/**
 * Runs one benchmark by name: {@code java -jar benchmarks/target/borealis-benchmarks.jar NAME [ARGS]}; see
 * docs/benchmarks.md. Benchmarks print figures and ratios; they never assert. JMH benchmarks also run through JMH's
 * own main: {@code java -cp benchmarks/target/borealis-benchmarks.jar org.openjdk.jmh.Main}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String name = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (name) {
            case "cluster-core":
                ClusterCoreBenchmark.main(rest);
                break;
            case "e2e":
                EndToEndBenchmark.main(rest);
                break;
            case "wire":
                WireThroughputBenchmark.main(rest);
                break;
            case "failover":
                FailoverBenchmark.main(rest);
                break;
            case "jmh-overhead":
                JmhOverhead.run(rest);
                break;
            default:
                if (!"help".equals(name)) {
                    System.err.println("unknown benchmark '" + name + "'");
                }
                System.out.println("usage: java -jar borealis-benchmarks.jar BENCHMARK [ARGS]");
                System.out.println("  cluster-core [mysql|postgresql]         start time, commit latency, replica lag");
                System.out.println("  e2e [postgresql|mysql|all] [s] [n]      SELECT 1 / point select: raw driver, Borealis, AWS wrapper");
                System.out.println("  wire [postgresql|mysql|all] [s] [n]     point select / insert: embedded vs H2 vs real server");
                System.out.println("  failover [--engine mysql|postgresql|both] [--threads 8] [--rounds 1] [--faults crash,blackhole]");
                System.out.println("           [--contenders borealis,aws-defaults,aws-aggressive,raw] [--deadline-s 60] [--warmup-s 35]");
                System.out.println("                                          time to write again after a writer crash / blackhole, through HikariCP");
                System.out.println("  jmh-overhead [JMH options]              per-call cost of the wrapper on a stub driver (JMH)");
                System.out.println("  s = seconds per measured round (default 1), n = rounds (default 9)");
                System.exit("help".equals(name) ? 0 : 2);
        }
    }
}

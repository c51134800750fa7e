package dev.borealis.benchmarks;

import dev.borealis.benchmarks.FailoverScenario.Fault;
import dev.borealis.benchmarks.FailoverScenario.Result;
import dev.borealis.cluster.Engine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The failover benchmark's table: per engine, fault and contender the median over rounds (the upper median for an
 * even number of rounds; a round that did not recover counts as slower than any that did), the ratio of each
 * contender's time to the first write against Borealis and against the AWS wrapper's defaults, and whether
 * Borealis met the targets.
 */
final class FailoverTable {

  /** Borealis must write again within the promotion time plus this much, per fault (issue 6). */
  static final long CRASH_SLACK_MS = 1_000;
  static final long BLACKHOLE_SLACK_MS = 3_000;
  /** ... and at least this many times faster than the AWS wrapper's defaults. */
  static final double VS_AWS_TARGET = 2.0;

  /** The medians of one engine, fault and contender; times -1 when the median round did not recover. */
  record Row(Engine engine, Fault fault, FailoverContender contender, int rounds, int recovered, long abandonedMs,
             long firstErrorMs,
             long promotionMs, long firstWriteMs, long allBackMs, long failedWrites) {
  }

  private FailoverTable() {
  }

  static List<Row> rows(List<Result> results) {
    Map<String, List<Result>> groups = new LinkedHashMap<>();
    for (Result r : results) {
      groups.computeIfAbsent(r.engine() + "/" + r.fault() + "/" + r.contender(), k -> new ArrayList<>()).add(r);
    }
    List<Row> rows = new ArrayList<>();
    for (List<Result> g : groups.values()) {
      Result any = g.get(0);
      rows.add(new Row(any.engine(), any.fault(), any.contender(), g.size(),
          (int) g.stream().filter(r -> r.firstWriteMs() >= 0).count(), median(g, Result::abandonedMs),
          median(g, Result::firstErrorMs),
          median(g, Result::promotionMs),
          median(g, Result::firstWriteMs), median(g, Result::allBackMs), median(g, Result::failedWrites)));
    }
    return rows;
  }

  /** Median where -1 (did not happen) sorts after every real value. */
  static long median(List<Result> results, ToLongFunction<Result> field) {
    long[] values = results.stream().mapToLong(field).map(v -> v < 0 ? Long.MAX_VALUE : v).toArray();
    Arrays.sort(values);
    long m = values[values.length / 2];
    return m == Long.MAX_VALUE ? -1 : m;
  }

  /**
   * The table's lines, header first. <i>abandoned</i> (blackhole only) is the driver's detection of the silent writer
   * as seen on the wire: by then the client had closed as many connections to it as there are writer threads.
   * <i>first error</i> is the fault as the application saw it: the first failed write; "-" when no write failed
   * before the scenario ended.
   */
  static List<String> lines(List<Row> rows, long deadlineSeconds) {
    String format = "%-10s %-9s %-44s %9s %11s %9s %11s %11s %9s %7s %8s %9s";
    List<String> lines = new ArrayList<>();
    lines.add(String.format(format, "engine", "fault", "contender", "abandoned", "first error", "promotion",
        "first write", "- promotion", "all back", "failed", "vs Bore.", "vs AWS def"));
    String fail = "no (" + deadlineSeconds + " s)";
    for (Row r : rows) {
      Row borealis = find(rows, r, FailoverContender.BOREALIS);
      Row aws = find(rows, r, FailoverContender.AWS_DEFAULTS);
      lines.add(String.format(format, r.engine().displayName(), r.fault().label(), r.contender().label(r.engine())
              + (r.rounds() > 1 ? " [" + r.recovered() + "/" + r.rounds() + "]" : ""), ms(r.abandonedMs(), "-"),
          ms(r.firstErrorMs(), "-"),
          ms(r.promotionMs(), "-"), ms(r.firstWriteMs(), fail), afterPromotion(r), ms(r.allBackMs(), fail),
          r.failedWrites(), ratio(r, borealis), ratio(r, aws)));
    }
    return lines;
  }

  /** One line per engine and fault: did Borealis meet the targets in this run? */
  static List<String> verdicts(List<Row> rows) {
    List<String> lines = new ArrayList<>();
    for (Row r : rows) {
      if (r.contender() != FailoverContender.BOREALIS) {
        continue;
      }
      long slack = r.fault() == Fault.CRASH ? CRASH_SLACK_MS : BLACKHOLE_SLACK_MS;
      String head = r.engine().displayName() + " " + r.fault().label() + ": ";
      if (r.firstWriteMs() < 0 || r.promotionMs() < 0) {
        lines.add(head + "Borealis did not write again (or the cluster did not promote) before the deadline: MISSED");
        continue;
      }
      long limit = r.promotionMs() + slack;
      String time = String.format("first write %d ms <= promotion %d ms + %d ms = %d ms: %s", r.firstWriteMs(),
          r.promotionMs(), slack, limit, r.firstWriteMs() <= limit ? "met" : "MISSED");
      lines.add(head + time + "; " + versusAws(r, find(rows, r, FailoverContender.AWS_DEFAULTS)));
    }
    return lines;
  }

  /**
   * The 2x target, from the fault as the issue states it, and also counted from the promotion: the part of the
   * outage a driver controls. With a promotion of about a second and a contender that writes within a second of it,
   * 2x from the fault would need a first write before the promotion, which no driver can do.
   */
  private static String versusAws(Row r, Row aws) {
    if (aws == null) {
      return "AWS defaults not measured";
    }
    if (aws.firstWriteMs() < 0) {
      return "AWS defaults did not write again: met";
    }
    double x = (double) aws.firstWriteMs() / Math.max(1, r.firstWriteMs());
    String fromFault = String.format("AWS defaults %d ms = %.2fx Borealis from the fault (target >= %.0fx): %s",
        aws.firstWriteMs(), x, VS_AWS_TARGET, x >= VS_AWS_TARGET ? "met" : "MISSED");
    if (aws.promotionMs() < 0) {
      return fromFault;
    }
    long awsAfter = aws.firstWriteMs() - aws.promotionMs();
    long borealisAfter = r.firstWriteMs() - r.promotionMs();
    return fromFault + String.format("; after the promotion %+d ms vs %+d ms", awsAfter, borealisAfter)
        + (awsAfter > 0 && borealisAfter > 0 ? String.format(" = %.2fx", (double) awsAfter / borealisAfter) : "");
  }

  private static Row find(List<Row> rows, Row like, FailoverContender contender) {
    return rows.stream().filter(r -> r.engine() == like.engine() && r.fault() == like.fault()
        && r.contender() == contender).findFirst().orElse(null);
  }

  private static String ms(long value, String missing) {
    return value < 0 ? missing : value + " ms";
  }

  private static String afterPromotion(Row r) {
    return r.firstWriteMs() < 0 || r.promotionMs() < 0 ? "-" : String.format("%+d ms",
        r.firstWriteMs() - r.promotionMs());
  }

  /** {@code r}'s time to the first write over {@code base}'s: above 1 is slower than the base. */
  private static String ratio(Row r, Row base) {
    if (base == null || base.firstWriteMs() < 0) {
      return "-";
    }
    if (r.firstWriteMs() < 0) {
      return "inf";
    }
    return String.format("%.2fx", (double) r.firstWriteMs() / Math.max(1, base.firstWriteMs()));
  }
}

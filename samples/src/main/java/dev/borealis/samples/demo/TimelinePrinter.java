package dev.borealis.samples.demo;

import java.io.PrintStream;
import java.util.Collection;
import java.util.Map;

/**
 * One terminal line per second: a progress bar, writes/s (and the instance that took them), reads/s per instance,
 * failovers recovered from, errors given up on, and the current writer.
 */
final class TimelinePrinter {

    private static final int BAR = 20;

    private final PrintStream out;
    private final int seconds;

    TimelinePrinter(PrintStream out, int seconds) {
        this.out = out;
        this.seconds = seconds;
    }

    void print(Tick tick, Collection<String> instances) {
        StringBuilder line = new StringBuilder();
        line.append(bar(tick.second())).append(String.format(" %3d/%ds", tick.second(), seconds));
        line.append(String.format("  writes/s %5d", tick.totalWrites()));
        line.append("  reads/s");
        for (String id : instances) {
            line.append(String.format(" %s %4d", shortName(id), tick.reads().getOrDefault(id, 0L)));
        }
        line.append(String.format("  failovers %d  errors %d  writer %s", tick.recovered(), tick.errors(),
                shortName(tick.writer())));
        out.println(line);
    }

    void event(String text) {
        out.println("   !! " + text);
    }

    private String bar(int second) {
        int filled = (int) Math.round((double) second * BAR / seconds);
        return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "]";
    }

    /** {@code demo-x1y2-instance-3} as {@code instance-3}: the cluster's name is printed once, above the timeline. */
    static String shortName(String instanceId) {
        int at = instanceId.lastIndexOf("instance-");
        return at > 0 ? instanceId.substring(at) : instanceId;
    }

    static String perInstance(Map<String, Long> counts) {
        StringBuilder s = new StringBuilder();
        counts.forEach((id, n) -> s.append(s.length() == 0 ? "" : ", ").append(id).append(' ').append(n));
        return s.length() == 0 ? "none" : s.toString();
    }
}

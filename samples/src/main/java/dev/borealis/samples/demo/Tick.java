package dev.borealis.samples.demo;

import java.util.Map;

/**
 * One second of the timeline: committed writes and read-only transactions per instance, failovers the app recovered
 * from (08S02 / 08007, retried), errors it gave up on, and the writer at the end of the second.
 */
record Tick(int second, Map<String, Long> writes, Map<String, Long> reads, long recovered, long errors, String writer) {

    long totalWrites() {
        return writes.values().stream().mapToLong(Long::longValue).sum();
    }

    long totalReads() {
        return reads.values().stream().mapToLong(Long::longValue).sum();
    }
}

package dev.borealis.cluster.compute;

import dev.borealis.cluster.Engine;
import dev.borealis.cluster.Ticker;
import dev.borealis.cluster.Topology;
import dev.borealis.cluster.storage.Volume;

import java.time.Clock;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * What an instance needs from its cluster.
 *
 * @param clusterUid unique per cluster object in this JVM (database names must not collide)
 * @param onFatal called when the instance can no longer be trusted (its cache diverged from the volume)
 * @param onAvailable called (on the instance's apply thread) when a starting reader has caught up
 */
public record InstanceContext(String clusterName, String clusterUid, Engine engine, Volume volume, Ticker ticker,
                              Clock clock, Duration commitTimeout, Duration lockTimeout, Supplier<Topology> topology,
                              BiConsumer<ComputeInstance, String> onFatal,
                              java.util.function.Consumer<ComputeInstance> onAvailable) {
}

package dev.borealis.samples.demo;

import dev.borealis.cluster.Engine;

import java.util.List;
import java.util.Optional;

/**
 * A real cluster given by {@code --url}. The demo has no way to crash one of its instances (there is no fault hook
 * for a real cluster), so it only watches: fail the cluster over yourself while it runs (for Aurora,
 * {@code aws rds failover-db-cluster}) and the timeline shows what the app saw.
 */
final class ExternalTarget implements DemoTarget {

    private final Engine engine;
    private final String url;

    ExternalTarget(Engine engine, String url) {
        this.engine = engine;
        this.url = url;
    }

    @Override
    public Engine engine() {
        return engine;
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public List<String> describe() {
        return List.of("real cluster at " + DemoOptions.masked(url),
                "  no fault hook for a real cluster: the demo will NOT crash the writer;"
                        + " fail it over yourself during the run to see the driver recover");
    }

    @Override
    public List<String> instanceIds() {
        return List.of();
    }

    @Override
    public boolean canCrash() {
        return false;
    }

    @Override
    public String crashWriter() {
        throw new IllegalStateException("the demo cannot crash an instance of a real cluster");
    }

    @Override
    public Optional<String> writerState() {
        return Optional.empty();
    }

    @Override
    public void close() {
        // nothing started, nothing to stop
    }
}

package dev.borealis.samples.demo;

import dev.borealis.cluster.Engine;

import java.util.List;
import java.util.Optional;

/** The cluster the demo runs against: the embedded one it starts, or a real one given by URL. */
interface DemoTarget extends AutoCloseable {

    Engine engine();

    /** The Borealis URL the app's pool uses (no credentials in it). */
    String url();

    /** Lines describing the endpoints, printed before the run. */
    List<String> describe();

    /** The instances known up front (for stable timeline columns); more may show up in results. */
    List<String> instanceIds();

    /** Whether this target can crash its writer. */
    boolean canCrash();

    /** Crashes the writer and returns its id; only when {@link #canCrash()}. */
    String crashWriter();

    /** The writer as the cluster itself sees it (with its state), when the target can tell. */
    Optional<String> writerState();

    @Override
    void close();
}

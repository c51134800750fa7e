package dev.borealis.cluster.storage;

import java.util.List;

/**
 * A materialised image of the database at a consistency point: what Aurora's storage keeps as data
 * pages. A starting instance loads it and replays only the log after {@code lsn}; the log at or
 * below it can be discarded.
 *
 * @param timeline the volume's timeline when it was taken (a backtrack starts a new one)
 * @param script statements that rebuild the database (schemas, tables with their rows, sequences)
 */
public record Checkpoint(long lsn, long timeline, List<String> script) {
    public Checkpoint {
        script = List.copyOf(script);
    }
}

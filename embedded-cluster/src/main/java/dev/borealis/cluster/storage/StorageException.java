package dev.borealis.cluster.storage;

/** The volume refused or could not complete a request; {@link #kind()} says which rule was hit. */
public final class StorageException extends RuntimeException {

    public enum Kind {
        /** Fewer than 4 of 6 segments can take writes: the commit cannot become durable. */
        WRITE_QUORUM_UNAVAILABLE,
        /** Fewer than 3 of 6 segments are up: the durable end of the log cannot be determined. */
        READ_QUORUM_UNAVAILABLE,
        /** The request carried an epoch older than the volume's: a fenced (zombie) writer. */
        STALE_EPOCH,
        /** The records were cut off by a truncation (recovery, backtrack or a failed commit) before becoming durable. */
        TRUNCATED,
        /** The volume was closed. */
        CLOSED
    }

    private final Kind kind;

    public StorageException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

package dev.borealis.cluster.compute;

/**
 * A failure a test hands to a background loop (apply thread, materializer), met by the loop at its next step, so
 * the restart paths are tested with the Throwable they must survive (an Error included) rather than a stand-in.
 */
final class InjectedFailure {

    private volatile Throwable pending;

    void set(Throwable failure) {
        pending = failure;
    }

    /** Throws the pending failure once, as it is (an Error or unchecked exception) or wrapped. */
    void throwIfSet() {
        Throwable failure = pending;
        if (failure == null) {
            return;
        }
        pending = null;
        if (failure instanceof Error error) {
            throw error;
        }
        throw failure instanceof RuntimeException re ? re : new IllegalStateException(failure);
    }
}

package dev.borealis.cluster;

import java.sql.SQLException;

/**
 * An error the cluster raised itself, already in the engine's terms (SQLSTATE and vendor code as the
 * real engine would send them). Frontends forward it unchanged.
 */
public final class ClusterSqlException extends SQLException {

    /** What kind of failure, so frontends can react (e.g. close the socket when the instance is gone). */
    public enum Kind {
        READ_ONLY,
        CONNECTION_LOST,
        COMMIT_FAILED,
        LOCK_TIMEOUT,
        CANCELLED,
        SESSION_CLOSED,
        /** The statement was stopped because the heap ran short; the session and the instance live on. */
        OUT_OF_MEMORY
    }

    private final Kind kind;

    public ClusterSqlException(Kind kind, String message, String sqlState, int vendorCode, Throwable cause) {
        super(message, sqlState, vendorCode);
        this.kind = kind;
        if (cause != null) {
            initCause(cause); // left unset otherwise, so callers may attach one later
        }
    }

    public Kind kind() {
        return kind;
    }
}

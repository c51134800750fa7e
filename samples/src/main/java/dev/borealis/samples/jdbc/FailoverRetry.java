package dev.borealis.samples.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The failover exception contract of Borealis (the same as the AWS Advanced JDBC Wrapper's), as a few lines an
 * application can copy:
 *
 * <ul>
 *   <li>{@code 08S02} — the driver failed over and reconnected this {@code Connection}; the statement did not run:
 *       <b>re-run it</b>;</li>
 *   <li>{@code 08007} — it failed over inside a transaction, whose outcome is unknown: <b>replay the
 *       transaction</b> (so write transactions must be safe to replay: check first, or use a unique key);</li>
 *   <li>{@code 08001} — no instance answered within {@code failoverTimeoutMs}: <b>give up</b> (report it).</li>
 * </ul>
 *
 * <p>Attempts are bounded, so an app facing failover after failover still returns an error instead of looping.
 */
public final class FailoverRetry {

    public static final String FAILOVER_SUCCEEDED = "08S02";
    public static final String TRANSACTION_STATE_UNKNOWN = "08007";
    public static final int MAX_ATTEMPTS = 5;

    /** What to do about an exception. */
    public enum Action { RERUN_STATEMENT, REPLAY_TRANSACTION, GIVE_UP }

    /** Work on a connection: one statement, or the body of one transaction. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Told about every failover the helper recovered from (for counting; may be {@link #IGNORE}). */
    @FunctionalInterface
    public interface Listener {
        void recovered(Action action, SQLException cause);
    }

    public static final Listener IGNORE = (action, cause) -> { };

    private FailoverRetry() {
    }

    public static Action actionFor(SQLException e) {
        String state = e.getSQLState();
        if (FAILOVER_SUCCEEDED.equals(state)) {
            return Action.RERUN_STATEMENT;
        }
        if (TRANSACTION_STATE_UNKNOWN.equals(state)) {
            return Action.REPLAY_TRANSACTION;
        }
        return Action.GIVE_UP; // 08001 (failover failed) and every other error: not ours to retry
    }

    /** Runs one autocommit statement; on 08S02 runs it again on the same (reconnected) connection. */
    public static <T> T statement(Connection c, SqlWork<T> work, Listener listener) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.run(c);
            } catch (SQLException e) {
                if (actionFor(e) != Action.RERUN_STATEMENT || attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                listener.recovered(Action.RERUN_STATEMENT, e);
            }
        }
    }

    /**
     * Runs {@code body} as one transaction on {@code c} and commits; on 08S02 (failed over before anything ran) or
     * 08007 (failed over inside it) runs the whole transaction again on the same, reconnected connection. The
     * connection is back in autocommit mode afterwards.
     */
    public static <T> T transaction(Connection c, SqlWork<T> body, Listener listener) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                c.setAutoCommit(false);
                T result = body.run(c);
                c.commit();
                c.setAutoCommit(true);
                return result;
            } catch (SQLException e) {
                rollbackQuietly(c, e);
                Action action = actionFor(e);
                if (action == Action.GIVE_UP || attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                listener.recovered(action, e);
            }
        }
    }

    /**
     * The pooled flavour: each attempt borrows a connection, sets it read-only or not (Borealis then routes it to a
     * reader or the writer) and runs {@code body} as one transaction. HikariCP with
     * {@code BorealisExceptionOverride} keeps a connection that failed over, so the retry usually gets the same one.
     */
    public static <T> T transaction(DataSource pool, boolean readOnly, SqlWork<T> body, Listener listener)
            throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return pooledAttempt(pool, readOnly, body);
            } catch (SQLException e) {
                Action action = actionFor(e);
                if (action == Action.GIVE_UP || attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                listener.recovered(action, e);
            }
        }
    }

    private static <T> T pooledAttempt(DataSource pool, boolean readOnly, SqlWork<T> body) throws SQLException {
        Connection c = pool.getConnection();
        T result;
        try {
            c.setReadOnly(readOnly);
            c.setAutoCommit(false);
            result = body.run(c);
            c.commit();
        } catch (SQLException e) {
            rollbackQuietly(c, e);
            closeQuietly(c, e);
            throw e;
        }
        // Committed: that is the acknowledgement. Handing the connection back makes the pool reset its read-only
        // flag, which moves a Borealis connection back to the writer; should that fail (the writer just crashed),
        // the pool evicts the connection, and the committed result still stands.
        closeQuietly(c, null);
        return result;
    }

    private static void closeQuietly(Connection c, SQLException cause) {
        try {
            c.close();
        } catch (SQLException closeFailed) {
            if (cause != null) {
                cause.addSuppressed(closeFailed);
            }
        }
    }

    /** Ends whatever is left of the transaction (nothing, after a failover) and returns to autocommit. */
    private static void rollbackQuietly(Connection c, SQLException cause) {
        try {
            if (!c.isClosed() && !c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException rollbackFailed) {
            cause.addSuppressed(rollbackFailed); // the connection is gone; the original error says why
        }
    }
}

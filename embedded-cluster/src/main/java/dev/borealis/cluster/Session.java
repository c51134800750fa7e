package dev.borealis.cluster;

import java.sql.SQLException;
import java.util.List;

/**
 * A client session on one instance: the seam between the wire frontends and the compute layer.
 * Statements are H2 SQL (frontends translate the engine's dialect first). The session owns
 * transaction semantics: autocommit, explicit transactions, savepoints, read-only transactions;
 * every commit of a writer session is made durable in the storage volume before it is
 * acknowledged. Errors the cluster raises itself are {@link ClusterSqlException}s carrying the
 * engine's own SQLSTATE and vendor code; other errors are H2's, for the frontend to map.
 *
 * <p>A session is used by one thread at a time; {@link #cancel()} may be called from any thread.
 */
public interface Session extends AutoCloseable {

    long id();

    Instance instance();

    /** Executes one statement (transaction control such as {@code BEGIN}, {@code SAVEPOINT x} included). */
    Result execute(String sql) throws SQLException;

    Result execute(String sql, List<?> parameters, boolean returnGeneratedKeys) throws SQLException;

    Prepared prepare(String sql) throws SQLException;

    /** Starts an explicit transaction (commits an open implicit one first, as MySQL and PostgreSQL do). */
    void begin(boolean readOnly) throws SQLException;

    void commit() throws SQLException;

    void rollback() throws SQLException;

    boolean isAutoCommit();

    /** Switching autocommit on commits the open transaction, as JDBC specifies. */
    void setAutoCommit(boolean autoCommit) throws SQLException;

    /** The session's default access mode for transactions it starts from now on. */
    boolean isReadOnly();

    void setReadOnly(boolean readOnly) throws SQLException;

    /** True between the first statement of a transaction and its commit or rollback. */
    boolean inTransaction();

    /** True when the open transaction (if any) is read-only. */
    boolean inReadOnlyTransaction();

    String schema() throws SQLException;

    void setSchema(String schema) throws SQLException;

    /** Cancels the statement running on this session, if any. Safe from any thread. */
    void cancel();

    boolean isClosed();

    /** Rolls back anything open and releases the session. Idempotent. */
    @Override
    void close();
}

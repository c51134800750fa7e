package dev.borealis.cluster.compute;

import dev.borealis.cluster.ClusterSqlException;
import dev.borealis.cluster.Engine;
import dev.borealis.cluster.EngineErrors;
import dev.borealis.cluster.Instance;
import dev.borealis.cluster.Prepared;
import dev.borealis.cluster.Result;
import dev.borealis.cluster.Role;
import dev.borealis.cluster.Session;
import dev.borealis.cluster.storage.RedoChunk;
import dev.borealis.cluster.storage.RedoRecord;
import dev.borealis.cluster.storage.StorageException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A session: one H2 connection, always in H2 manual-commit mode, with autocommit emulated here so
 * that every commit goes through the volume first.
 *
 * <p>Transaction states: IDLE (no transaction) → IMPLICIT (autocommit off, a statement ran) or
 * EXPLICIT (BEGIN) → IDLE on COMMIT/ROLLBACK. In autocommit mode each statement outside EXPLICIT
 * commits by itself. Commit: rows captured by the trigger are appended to the volume under the
 * instance's DDL gate, the session waits until they are durable, then commits H2 — H2's row locks
 * are held until then, so the log order of conflicting transactions is their commit order.
 */
final class H2Session implements Session {

    private enum TxState { IDLE, IMPLICIT, EXPLICIT }

    private final long id;
    private final ComputeInstance instance;
    private final ComputeInstance.Generation generation;
    private final Connection connection;
    private final CaptureContext capture = new CaptureContext();
    private final Map<String, SavepointMark> savepoints = new LinkedHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Statement running;
    /** The last statement that returned rows: H2 computes lazy rows while they are fetched. */
    private volatile Statement fetching;
    private volatile boolean cancelled;
    /** Why the MemoryGuard cancelled the current statement, or null. */
    private volatile String memoryCancel;
    private volatile MemoryGuard.Running guarded;

    private boolean autoCommit = true;
    private boolean readOnlyDefault;
    private boolean txReadOnly;
    private TxState tx = TxState.IDLE;

    private record SavepointMark(Savepoint savepoint, int redoSize) {
    }

    H2Session(long id, ComputeInstance instance, ComputeInstance.Generation generation, Connection connection)
            throws SQLException {
        this.id = id;
        this.instance = instance;
        this.generation = generation;
        this.connection = connection;
        connection.setAutoCommit(false);
    }

    @Override
    public long id() {
        return id;
    }

    ComputeInstance.Generation generation() {
        return generation;
    }

    private String deathReason() {
        String reason = generation.deathReason;
        return reason != null ? reason : "the instance restarted";
    }

    @Override
    public Instance instance() {
        return instance;
    }

    private Engine engine() {
        return instance.engine();
    }

    // ---------------------------------------------------------------- statements

    @Override
    public Result execute(String sql) throws SQLException {
        return execute(sql, List.of(), false);
    }

    @Override
    public Result execute(String sql, List<?> parameters, boolean returnGeneratedKeys) throws SQLException {
        checkOpen();
        Classified c = SqlClassifier.classify(sql);
        if (c.kind() != StatementKind.OTHER && c.kind() != StatementKind.LOCAL_DDL) {
            return control(c, sql);
        }
        return run(sql, c, () -> {
            if (parameters.isEmpty()) {
                Statement st = connection.createStatement();
                running = st;
                boolean rows = returnGeneratedKeys
                        ? st.execute(sql, Statement.RETURN_GENERATED_KEYS) : st.execute(sql);
                return collect(st, rows, returnGeneratedKeys);
            }
            PreparedStatement ps = returnGeneratedKeys
                    ? connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS) : connection.prepareStatement(sql);
            running = ps;
            bind(ps, parameters);
            return collect(ps, ps.execute(), returnGeneratedKeys);
        });
    }

    @Override
    public Prepared prepare(String sql) throws SQLException {
        checkOpen();
        Classified c = SqlClassifier.classify(sql);
        try {
            return new H2Prepared(this, sql, c, connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS));
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** Runs a prepared statement: the same capture and commit rules as {@link #execute}. */
    Result executePrepared(H2Prepared prepared, List<?> parameters, boolean returnGeneratedKeys) throws SQLException {
        checkOpen();
        Classified c = prepared.classified();
        if (c.kind() != StatementKind.OTHER && c.kind() != StatementKind.LOCAL_DDL) {
            return control(c, prepared.sql());
        }
        return run(prepared.sql(), c, () -> {
            PreparedStatement ps = prepared.statement();
            running = ps;
            ps.clearParameters();
            bind(ps, parameters);
            return collect(ps, ps.execute(), returnGeneratedKeys);
        });
    }

    private interface H2Call {
        Result call() throws SQLException;
    }

    private Result run(String sql, Classified c, H2Call call) throws SQLException {
        if (tx == TxState.IDLE) {
            startTransaction(readOnlyDefault, autoCommit ? TxState.IDLE : TxState.IMPLICIT);
        }
        boolean commitAfter = autoCommit && tx != TxState.EXPLICIT;
        Result result;
        CaptureContext.CURRENT.set(capture);
        MemoryGuard.Running watch = guard();
        try {
            result = call.call();
            if (c.touchesSequences()) {
                captureSequences();
            }
            watch.executed(result.rows());
            fetching = result.hasRows() ? running : null;
        } catch (SQLException e) {
            if (commitAfter) {
                rollbackQuietly();
            }
            throw translate(e);
        } finally {
            CaptureContext.CURRENT.remove();
            running = null;
        }
        if (commitAfter) {
            commitNow();
        }
        return result;
    }

    /** Watches this statement (and, for a query, the fetching of its rows) until the next one starts. */
    private MemoryGuard.Running guard() {
        unguard();
        guarded = MemoryGuard.get().started(this);
        return guarded;
    }

    private void unguard() {
        MemoryGuard.Running previous = guarded;
        if (previous != null) {
            MemoryGuard.get().finished(previous);
            guarded = null;
        }
        fetching = null;
    }

    /** The heap ran short while this session's statement ran: stop it, and say why when it fails. */
    void cancelForMemory(String why) {
        memoryCancel = why;
        Statement statement = running != null ? running : fetching;
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException ignored) {
                // the statement finished meanwhile
            }
        }
    }

    private static Result collect(Statement st, boolean hasRows, boolean generatedKeys) throws SQLException {
        if (hasRows) {
            return new Result(st.getResultSet(), -1, null);
        }
        long count = st.getLargeUpdateCount();
        return new Result(null, Math.max(count, 0), generatedKeys ? st.getGeneratedKeys() : null);
    }

    private static void bind(PreparedStatement ps, List<?> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            ps.setObject(i + 1, parameters.get(i));
        }
    }

    // ---------------------------------------------------------------- transaction control

    private Result control(Classified c, String sql) throws SQLException {
        switch (c.kind()) {
            case BEGIN:
                begin(readOnlyDefault);
                break;
            case BEGIN_READ_ONLY:
                begin(true);
                break;
            case COMMIT:
                commit();
                break;
            case ROLLBACK:
                rollback();
                break;
            case SAVEPOINT:
                savepoint(name(c));
                break;
            case ROLLBACK_TO_SAVEPOINT:
                rollbackToSavepoint(name(c));
                break;
            case RELEASE_SAVEPOINT:
                releaseSavepoint(name(c));
                break;
            case DDL:
                ddl(sql);
                break;
            default:
                throw new IllegalStateException("not a control statement: " + c.kind());
        }
        return Result.ok();
    }

    private static String name(Classified c) throws SQLException {
        String name = c.savepoint();
        if (name == null || name.isEmpty()) {
            throw new SQLException("savepoint name missing", "42601");
        }
        if (name.length() > 1 && (name.charAt(0) == '"' || name.charAt(0) == '`')) {
            return name.substring(1, name.length() - 1);
        }
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public void begin(boolean readOnly) throws SQLException {
        checkOpen();
        if (tx != TxState.IDLE) {
            commit();
        }
        startTransaction(readOnly, TxState.EXPLICIT);
    }

    private void startTransaction(boolean readOnly, TxState state) {
        tx = state;
        txReadOnly = readOnly;
        capture.clear();
        savepoints.clear();
        if (instance.role() != Role.WRITER) {
            capture.refuseWrites("read-only instance");
        } else if (readOnly) {
            capture.refuseWrites("read-only transaction");
        } else {
            capture.refuseWrites(null);
        }
    }

    @Override
    public void commit() throws SQLException {
        checkOpen();
        try {
            commitNow();
        } finally {
            tx = TxState.IDLE;
        }
    }

    private void commitNow() throws SQLException {
        List<RedoRecord> records = capture.records();
        try {
            if (!records.isEmpty()) {
                instance.makeDurable(records);
            }
            connection.commit();
        } catch (StorageException e) {
            rollbackQuietly();
            throw storageError(e);
        } catch (SQLException e) {
            rollbackQuietly();
            throw translate(e);
        } finally {
            capture.clear();
            savepoints.clear();
            if (tx == TxState.IMPLICIT) {
                tx = TxState.IDLE;
            }
        }
    }

    private ClusterSqlException storageError(StorageException e) {
        switch (e.kind()) {
            case STALE_EPOCH:
                ClusterSqlException readOnly = EngineErrors.readOnlyInstance(engine(), instance.id());
                readOnly.initCause(e);
                return readOnly;
            case CLOSED:
                return EngineErrors.connectionLost(engine(), instance.id(), e.getMessage());
            default:
                return EngineErrors.commitFailed(engine(), e.getMessage(), e);
        }
    }

    @Override
    public void rollback() throws SQLException {
        checkOpen();
        try {
            connection.rollback();
        } catch (SQLException e) {
            throw translate(e);
        } finally {
            capture.clear();
            savepoints.clear();
            tx = TxState.IDLE;
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the instance may be gone; nothing was committed either way
        }
        capture.clear();
        savepoints.clear();
        if (tx == TxState.IMPLICIT) {
            tx = TxState.IDLE;
        }
    }

    private void savepoint(String name) throws SQLException {
        if (tx == TxState.IDLE) {
            if (autoCommit) {
                return; // MySQL and PostgreSQL ignore (with a warning) a savepoint outside a transaction
            }
            startTransaction(readOnlyDefault, TxState.IMPLICIT);
        }
        try {
            savepoints.remove(name);
            savepoints.put(name, new SavepointMark(connection.setSavepoint(name), capture.size()));
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    private void rollbackToSavepoint(String name) throws SQLException {
        SavepointMark mark = savepoints.get(name);
        if (mark == null) {
            throw noSuchSavepoint(name);
        }
        try {
            connection.rollback(mark.savepoint());
        } catch (SQLException e) {
            throw translate(e);
        }
        capture.truncate(mark.redoSize());
        List<String> names = new ArrayList<>(savepoints.keySet());
        for (String later : names.subList(names.indexOf(name) + 1, names.size())) {
            savepoints.remove(later);
        }
    }

    private void releaseSavepoint(String name) throws SQLException {
        SavepointMark mark = savepoints.remove(name);
        if (mark == null) {
            throw noSuchSavepoint(name);
        }
        try {
            connection.releaseSavepoint(mark.savepoint());
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    private SQLException noSuchSavepoint(String name) {
        return engine() == Engine.MYSQL
                ? new SQLException("SAVEPOINT " + name + " does not exist", "42000", 1305)
                : new SQLException("savepoint \"" + name + "\" does not exist", "3B001");
    }

    /** DDL commits implicitly (as in MySQL; PostgreSQL's transactional DDL is not imitated). */
    private void ddl(String sql) throws SQLException {
        if (instance.role() != Role.WRITER) {
            throw EngineErrors.readOnlyInstance(engine(), instance.id());
        }
        if (tx == TxState.EXPLICIT && txReadOnly || tx == TxState.IDLE && readOnlyDefault) {
            throw EngineErrors.readOnlyTransaction(engine());
        }
        if (tx != TxState.IDLE) {
            commit();
        }
        try {
            instance.executeDdl(connection, sql, this::isCancelled);
        } catch (StorageException e) {
            throw storageError(e);
        } catch (SQLException e) {
            throw translate(e);
        } finally {
            tx = TxState.IDLE;
        }
    }

    private boolean isCancelled() {
        return cancelled;
    }

    private void captureSequences() throws SQLException {
        if (instance.role() != Role.WRITER) {
            return;
        }
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT sequence_schema, sequence_name, base_value FROM information_schema.sequences")) {
            while (rs.next()) {
                capture.add(new RedoRecord.SequenceAdvance(rs.getString(1), rs.getString(2), rs.getLong(3)));
            }
        }
    }

    // ---------------------------------------------------------------- session settings

    @Override
    public boolean isAutoCommit() {
        return autoCommit;
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        checkOpen();
        if (autoCommit && !this.autoCommit && tx != TxState.IDLE) {
            commit();
        }
        this.autoCommit = autoCommit;
    }

    @Override
    public boolean isReadOnly() {
        return readOnlyDefault;
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        checkOpen();
        this.readOnlyDefault = readOnly;
        if (tx == TxState.IDLE) {
            txReadOnly = readOnly;
        }
    }

    @Override
    public boolean inTransaction() {
        return tx != TxState.IDLE;
    }

    @Override
    public boolean inReadOnlyTransaction() {
        return tx != TxState.IDLE && txReadOnly;
    }

    @Override
    public String schema() throws SQLException {
        checkOpen();
        try {
            return connection.getSchema();
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        checkOpen();
        try {
            connection.setSchema(schema);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    @Override
    public void cancel() {
        Statement statement = running;
        if (statement != null) {
            cancelled = true;
            try {
                statement.cancel();
            } catch (SQLException ignored) {
                // the statement finished meanwhile
            }
        }
    }

    @Override
    public boolean isClosed() {
        return closed.get() || instance.isDead(this);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            unguard();
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the database may already be gone (crash)
            }
            try {
                connection.close();
            } catch (SQLException ignored) {
                // same
            }
            instance.sessionClosed(this);
        }
    }

    /** The instance crashed: the connection is already unusable; only forget it. */
    void kill() {
        closed.set(true);
        unguard();
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the database is gone
        }
    }

    private void checkOpen() throws SQLException {
        if (closed.get()) {
            throw instance.isDead(this)
                    ? EngineErrors.connectionLost(engine(), instance.id(), deathReason())
                    : EngineErrors.sessionClosed(engine(), id);
        }
        if (instance.isDead(this)) {
            throw EngineErrors.connectionLost(engine(), instance.id(), deathReason());
        }
        cancelled = false;
        memoryCancel = null;
    }

    /** Turns H2's view of a failure into the engine's, where the cluster knows better. */
    private SQLException translate(SQLException e) {
        if (e instanceof ClusterSqlException) {
            return e;
        }
        if (capture.takeRefused()) {
            ClusterSqlException ro = "read-only transaction".equals(capture.refuseWritesReason())
                    ? EngineErrors.readOnlyTransaction(engine()) : EngineErrors.readOnlyInstance(engine(), instance.id());
            ro.initCause(e);
            return ro;
        }
        String memory = memoryCancel;
        if (memory != null && e.getErrorCode() == org.h2.api.ErrorCode.STATEMENT_WAS_CANCELED) {
            return EngineErrors.outOfMemory(engine(), instance.id(), memory, e);
        }
        if (ComputeInstance.mayMeanEngineDeath(e)) {
            instance.checkEngine(generation, e);
        }
        if (e.getErrorCode() == org.h2.api.ErrorCode.OUT_OF_MEMORY) {
            return EngineErrors.outOfMemory(engine(), instance.id(), "the heap ran out while the statement ran"
                    + (instance.isDead(this) ? "; the instance restarts from storage" : ""), e);
        }
        if (instance.isDead(this)) {
            ClusterSqlException lost = EngineErrors.connectionLost(engine(), instance.id(), deathReason());
            lost.initCause(e);
            return lost;
        }
        if (e.getErrorCode() == org.h2.api.ErrorCode.STATEMENT_WAS_CANCELED) {
            return EngineErrors.cancelled(engine(), e);
        }
        if (e.getErrorCode() == org.h2.api.ErrorCode.LOCK_TIMEOUT_1) {
            return EngineErrors.lockTimeout(engine(), e.getMessage(), e);
        }
        return e;
    }
}

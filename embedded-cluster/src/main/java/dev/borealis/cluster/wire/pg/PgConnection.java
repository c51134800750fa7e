package dev.borealis.cluster.wire.pg;

import dev.borealis.cluster.ClusterSqlException;
import dev.borealis.cluster.Result;
import dev.borealis.cluster.Session;
import dev.borealis.cluster.wire.ClientConnection;
import dev.borealis.cluster.wire.ReadTimer;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * One client connection after authentication. Protocol states: READY (between messages, after
 * ReadyForQuery) → EXTENDED (Parse/Bind/Describe/Execute/Close/Flush received, until Sync) →
 * EXTENDED_FAILED (an extended message failed: everything up to Sync is skipped) → READY on Sync;
 * COPY_IN / COPY_OUT run inside one statement ({@link PgCopy}); CLOSED after Terminate, EOF, a
 * protocol violation or a lost instance. Orthogonal transaction status for ReadyForQuery: IDLE (I),
 * IN_TRANSACTION (T), FAILED (E: only ROLLBACK, COMMIT — which rolls back — and ROLLBACK TO
 * SAVEPOINT run; anything else is 25P02). Waiting in READY longer than {@code idle_session_timeout} (or, inside a
 * transaction, {@code idle_in_transaction_session_timeout}) ends the connection with PostgreSQL's FATAL.
 */
final class PgConnection {

    private enum State { READY, EXTENDED, EXTENDED_FAILED, CLOSED }

    private final ClientConnection client;
    private final Session session;
    private final PgFrames frames;
    private final PgOutput out;
    private final PgSettings settings;
    private final PgLocalCommands local;
    private final PgExtendedQuery extended;
    private final ReadTimer timer;
    private State state = State.READY;
    private boolean failedTransaction;

    PgConnection(ClientConnection client, Session session, PgFrames frames, PgOutput out, PgSettings settings,
                 ReadTimer timer) {
        this.client = client;
        this.timer = timer;
        this.session = session;
        this.frames = frames;
        this.out = out;
        this.settings = settings;
        this.extended = new PgExtendedQuery(this, session, out);
        this.local = new PgLocalCommands(settings, session, out::parameterStatus, extended::deallocate);
    }

    boolean failedTransaction() {
        return failedTransaction;
    }

    char transactionStatus() {
        return failedTransaction ? 'E' : session.inTransaction() ? 'T' : 'I';
    }

    /** Serves messages until the connection ends. */
    void serve() throws IOException {
        while (state != State.CLOSED) {
            PgBody m;
            boolean inTransaction = session.inTransaction() || failedTransaction;
            timer.idle(PgIdleTimeouts.of(settings, inTransaction));
            try {
                m = frames.read();
            } catch (SocketTimeoutException e) {
                fatal(PgIdleTimeouts.error(inTransaction));
                return;
            } catch (PgProtocolException e) {
                fatal(PgError.fatal("08P01", e.getMessage()));
                return;
            }
            if (m == null) {
                return;
            }
            if (state == State.EXTENDED_FAILED && m.type() != 'S' && m.type() != 'X') {
                continue;
            }
            try {
                dispatch(m);
            } catch (PgProtocolException e) {
                fatal(PgError.fatal("08P01", e.getMessage()));
                return;
            } catch (SQLException e) {
                failed(e);
            } catch (StackOverflowError e) {
                // whatever recursed too deep (translation, H2's parser) has unwound: answer, do not drop
                failed(new SQLException("stack depth limit exceeded", "54001"));
            }
        }
    }

    private void dispatch(PgBody m) throws SQLException, IOException {
        switch (m.type()) {
            case 'Q': simpleQuery(m.cstring()); break;
            case 'P': state = State.EXTENDED; extended.parse(m); break;
            case 'B': state = State.EXTENDED; extended.bind(m); break;
            case 'D': state = State.EXTENDED; extended.describe(m); break;
            case 'E': state = State.EXTENDED; extended.execute(m); break;
            case 'C': state = State.EXTENDED; extended.close(m); break;
            case 'H': out.flush(); break;
            case 'S': sync(); break;
            case 'X': state = State.CLOSED; break;
            case 'd': case 'c': case 'f': break; // stray COPY messages are ignored, as PostgreSQL does
            case 'F': throw new SQLException("the fast-path function call interface is not supported", "0A000");
            default:
                throw new PgProtocolException("invalid frontend message type '" + PgFrames.printable(m.type()) + "'");
        }
    }

    private void failed(SQLException e) throws IOException {
        if (e instanceof ClusterSqlException
                && ((ClusterSqlException) e).kind() == ClusterSqlException.Kind.CONNECTION_LOST) {
            fatal(PgError.fatal(e.getSQLState(), e.getMessage()));
            return;
        }
        out.error(PgErrors.of(e));
        if (session.inTransaction()) {
            failedTransaction = true;
        }
        if (state == State.EXTENDED) {
            state = State.EXTENDED_FAILED;
        }
        if (state == State.READY) {
            ready();
        }
    }

    private void fatal(PgError error) throws IOException {
        state = State.CLOSED;
        try {
            out.error(error);
            out.flush();
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // the client may already be gone
        }
    }

    private void ready() throws IOException {
        out.readyForQuery(transactionStatus());
        out.flush();
    }

    // ------------------------------------------------------------ simple query

    private void simpleQuery(String sql) throws IOException, SQLException {
        state = State.READY;
        extended.closeUnnamed();
        List<List<PgLexer.Token>> parts = PgLexer.statements(sql);
        for (List<PgLexer.Token> part : parts) {
            PgNestingDepth.check(part);
        }
        List<PgStatement> statements = parts.stream().map(PgTranslator::translate)
                .filter(st -> st.kind() != PgStatement.Kind.EMPTY).toList();
        if (statements.isEmpty()) {
            out.emptyQuery(); // only a query string with no statement at all gets EmptyQueryResponse
        }
        for (PgStatement statement : statements) {
            try {
                runSimple(statement);
            } catch (SQLException e) {
                failed(e);
                return;
            }
        }
        ready();
    }

    private void runSimple(PgStatement statement) throws SQLException, IOException {
        if (statement.kind() != PgStatement.Kind.H2) {
            String tag = runLocal(statement);
            if (tag != null) {
                out.commandComplete(tag);
            }
            return;
        }
        checkNotFailed(statement);
        checkWritable(statement);
        runBefore(statement);
        boolean failedCommit = failedTransaction;
        try (Result result = session.execute(statement.h2Sql())) {
            afterTransactionControl(statement, failedCommit);
            if (result.hasRows()) {
                List<PgColumn> columns = PgRows.columns(result.rows().getMetaData());
                out.rowDescription(columns, null);
                long n = 0;
                while (result.rows().next()) {
                    out.dataRow(PgRows.row(result.rows(), columns, null));
                    n++;
                }
                out.commandComplete(tag(statement, n));
            } else {
                out.commandComplete(failedCommit && "COMMIT".equals(statement.verb()) ? "ROLLBACK"
                        : tag(statement, result.updateCount()));
            }
        }
    }

    /** Statements that do not go to H2 as they are; returns the tag, or null when nothing is to be sent. */
    String runLocal(PgStatement statement) throws SQLException, IOException {
        switch (statement.kind()) {
            case EMPTY:
                out.emptyQuery();
                return null;
            case UNSUPPORTED:
                throw new SQLException(statement.unsupported(), "0A000");
            case BEGIN:
                checkNotFailed(statement);
                begin(statement);
                return "BEGIN";
            case LOCAL:
                checkNotFailed(statement);
                return local.run(statement);
            case COPY:
                checkNotFailed(statement);
                checkWritable(statement);
                return new PgCopy(session, frames, out).run(statement);
            default:
                throw new IllegalStateException("not a local statement: " + statement.kind());
        }
    }

    void runBefore(PgStatement statement) throws SQLException {
        for (String sql : statement.h2Before()) {
            session.execute(sql).close();
        }
    }

    private void begin(PgStatement statement) throws SQLException {
        if (session.inTransaction()) {
            out.error(new PgError("WARNING", "25001", "there is already a transaction in progress", null, null));
            return;
        }
        String modes = String.join(" ", statement.words()).toUpperCase(Locale.ROOT);
        session.begin(modes.contains("READ ONLY") || !modes.contains("READ WRITE") && session.isReadOnly());
    }

    private static final java.util.Set<String> WRITES = java.util.Set.of("INSERT", "UPDATE", "DELETE", "MERGE",
            "TRUNCATE TABLE", "COPY");

    /**
     * PostgreSQL refuses a write in a read-only transaction before planning it, so a reader answers
     * 25006 even where H2 would first hit another error (a unique key from a reader's sequence).
     */
    void checkWritable(PgStatement statement) throws SQLException {
        String verb = statement.verb();
        boolean write = WRITES.contains(verb) && !(verb.equals("COPY") && statement.original().matches("(?is).*\\bTO\\s+STDOUT.*"))
                || verb.startsWith("CREATE ") || verb.startsWith("DROP ") || verb.startsWith("ALTER ");
        if (!write) {
            return;
        }
        if (session.instance().role() != dev.borealis.cluster.Role.WRITER) {
            throw dev.borealis.cluster.EngineErrors.readOnlyInstance(session.instance().engine(), session.instance().id());
        }
        if (session.inReadOnlyTransaction() || !session.inTransaction() && session.isReadOnly()) {
            throw dev.borealis.cluster.EngineErrors.readOnlyTransaction(session.instance().engine());
        }
    }

    void checkNotFailed(PgStatement statement) throws SQLException {
        if (!failedTransaction) {
            return;
        }
        String verb = statement.verb();
        if (verb.equals("ROLLBACK") || verb.equals("COMMIT")) {
            return;
        }
        throw new SQLException("current transaction is aborted, commands ignored until end of transaction block", "25P02");
    }

    /** COMMIT of a failed transaction rolls back; ROLLBACK [TO SAVEPOINT] ends the failed state. */
    void afterTransactionControl(PgStatement statement, boolean wasFailed) throws SQLException {
        if (!wasFailed) {
            return;
        }
        if (statement.verb().equals("COMMIT") && session.inTransaction()) {
            session.rollback();
        }
        if (statement.verb().equals("COMMIT") || statement.verb().equals("ROLLBACK")) {
            failedTransaction = false;
        }
    }

    static String tag(PgStatement statement, long count) {
        String verb = statement.verb();
        switch (verb) {
            case "INSERT": return "INSERT 0 " + count;
            case "UPDATE": case "DELETE": case "MERGE": case "FETCH": case "MOVE": case "COPY": return verb + " " + count;
            case "SELECT": case "VALUES": case "WITH": case "TABLE": return "SELECT " + count;
            case "SHOW": return "SHOW";
            default: return verb;
        }
    }

    private void sync() throws IOException {
        state = State.READY;
        if (!session.inTransaction()) {
            extended.closePortals();
        }
        ready();
    }

    /** Releases statements and portals; the session is closed by the caller. */
    void release() {
        extended.release();
    }

    ClientConnection client() {
        return client;
    }

    PgSettings settings() {
        return settings;
    }
}

package dev.borealis.cluster.wire.pg;

import dev.borealis.cluster.ClusterSqlException;
import dev.borealis.cluster.Prepared;
import dev.borealis.cluster.Result;
import dev.borealis.cluster.Session;
import dev.borealis.cluster.wire.ClientConnection;

import java.io.IOException;
import java.sql.ParameterMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One client connection after authentication. Protocol states: READY (between messages, after
 * ReadyForQuery) → EXTENDED (Parse/Bind/Describe/Execute/Close/Flush received, until Sync) →
 * EXTENDED_FAILED (an extended message failed: everything up to Sync is skipped) → READY on Sync;
 * COPY_IN / COPY_OUT run inside one statement ({@link PgCopy}); CLOSED after Terminate, EOF, a
 * protocol violation or a lost instance. Orthogonal transaction status for ReadyForQuery: IDLE (I),
 * IN_TRANSACTION (T), FAILED (E: only ROLLBACK, COMMIT — which rolls back — and ROLLBACK TO
 * SAVEPOINT run; anything else is 25P02).
 */
final class PgConnection {

    private static final System.Logger LOG = System.getLogger(PgConnection.class.getName());

    private enum State { READY, EXTENDED, EXTENDED_FAILED, CLOSED }

    /** A parsed (prepared) statement. */
    private static final class Statement {
        final PgStatement sql;
        final Prepared prepared;
        final int[] paramOids;
        final int[] declaredOids;
        final List<PgColumn> columns;

        Statement(PgStatement sql, Prepared prepared, int[] paramOids, int[] declaredOids, List<PgColumn> columns) {
            this.sql = sql;
            this.prepared = prepared;
            this.paramOids = paramOids;
            this.declaredOids = declaredOids;
            this.columns = columns;
        }

        /** The type a parameter is decoded as: the client's, else H2's inference unless that is only "text". */
        PgType parameterType(int i, boolean binary) {
            int declared = i < declaredOids.length ? declaredOids[i] : 0;
            PgType type = PgType.byOid(declared != 0 ? declared : paramOids[i]);
            if (declared == 0 && (type == null || type == PgType.VARCHAR || type == PgType.TEXT || type == PgType.UNKNOWN)) {
                return binary ? PgType.BYTEA : null;
            }
            return type;
        }
    }

    /** A bound portal; its rows stay open between Executes with a row limit. */
    private static final class Portal {
        final Statement statement;
        final List<Object> parameters;
        final short[] resultFormats;
        Result result;
        ResultSet rows;
        long sent;
        String tag;

        Portal(Statement statement, List<Object> parameters, short[] resultFormats) {
            this.statement = statement;
            this.parameters = parameters;
            this.resultFormats = resultFormats;
        }

        void close() {
            if (result != null) {
                try {
                    result.close();
                } catch (SQLException ignored) {
                    // the session may be gone
                }
            }
            result = null;
            rows = null;
        }
    }

    private final ClientConnection client;
    private final Session session;
    private final PgFrames frames;
    private final PgOutput out;
    private final PgSettings settings;
    private final PgLocalCommands local;
    private final Map<String, Statement> statements = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();
    private State state = State.READY;
    private boolean failedTransaction;

    PgConnection(ClientConnection client, Session session, PgFrames frames, PgOutput out, PgSettings settings) {
        this.client = client;
        this.session = session;
        this.frames = frames;
        this.out = out;
        this.settings = settings;
        this.local = new PgLocalCommands(settings, session, out::parameterStatus, this::deallocate);
    }

    char transactionStatus() {
        return failedTransaction ? 'E' : session.inTransaction() ? 'T' : 'I';
    }

    /** Serves messages until the connection ends. */
    void serve() throws IOException {
        while (state != State.CLOSED) {
            PgBody m;
            try {
                m = frames.read();
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
            }
        }
    }

    private void dispatch(PgBody m) throws SQLException, IOException {
        switch (m.type()) {
            case 'Q': simpleQuery(m.cstring()); break;
            case 'P': state = State.EXTENDED; parse(m); break;
            case 'B': state = State.EXTENDED; bind(m); break;
            case 'D': state = State.EXTENDED; describe(m); break;
            case 'E': state = State.EXTENDED; execute(m); break;
            case 'C': state = State.EXTENDED; close(m); break;
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
        closeUnnamed();
        for (List<PgLexer.Token> tokens : PgLexer.statements(sql)) {
            PgStatement statement = PgTranslator.translate(tokens);
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
    private String runLocal(PgStatement statement) throws SQLException, IOException {
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

    private void runBefore(PgStatement statement) throws SQLException {
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
    private void checkWritable(PgStatement statement) throws SQLException {
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

    private void checkNotFailed(PgStatement statement) throws SQLException {
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
    private void afterTransactionControl(PgStatement statement, boolean wasFailed) throws SQLException {
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

    private static String tag(PgStatement statement, long count) {
        String verb = statement.verb();
        switch (verb) {
            case "INSERT": return "INSERT 0 " + count;
            case "UPDATE": case "DELETE": case "MERGE": case "FETCH": case "MOVE": case "COPY": return verb + " " + count;
            case "SELECT": case "VALUES": case "WITH": case "TABLE": return "SELECT " + count;
            case "SHOW": return "SHOW";
            default: return verb;
        }
    }

    // ------------------------------------------------------------ extended query

    private void parse(PgBody m) throws SQLException {
        String name = m.cstring();
        String sql = m.cstring();
        int n = m.count16(4);
        int[] declared = new int[n];
        for (int i = 0; i < n; i++) {
            declared[i] = m.int32();
        }
        if (!name.isEmpty() && statements.containsKey(name)) {
            throw new SQLException("prepared statement \"" + name + "\" already exists", "42P05");
        }
        List<List<PgLexer.Token>> parts = PgLexer.statements(sql);
        if (parts.size() > 1) {
            throw new SQLException("cannot insert multiple commands into a prepared statement", "42601");
        }
        PgStatement statement = PgTranslator.translate(parts.get(0));
        Statement parsed = statement.kind() == PgStatement.Kind.H2 ? prepare(statement, declared)
                : new Statement(statement, null, declared, declared, null);
        Statement old = statements.put(name, parsed);
        closeStatement(old);
        out.parseComplete();
    }

    private Statement prepare(PgStatement statement, int[] declared) throws SQLException {
        checkNotFailed(statement);
        Prepared prepared = session.prepare(statement.h2Sql());
        int count = Math.max(declared.length, prepared.parameterCount());
        int[] oids = new int[count];
        ParameterMetaData pmd = count > 0 ? prepared.parameterMetaData() : null;
        for (int i = 0; i < count; i++) {
            oids[i] = i < declared.length && declared[i] != 0 ? declared[i]
                    : i < prepared.parameterCount() ? PgType.ofJdbc(pmd.getParameterType(i + 1), pmd.getParameterTypeName(i + 1)).oid()
                    : PgType.UNKNOWN.oid();
        }
        return new Statement(statement, prepared, oids, declared, PgRows.columns(prepared.resultMetaData()));
    }

    private void bind(PgBody m) throws SQLException {
        String portalName = m.cstring();
        String statementName = m.cstring();
        Statement statement = statement(statementName);
        int nf = m.count16(2);
        short[] formats = new short[nf];
        for (int i = 0; i < nf; i++) {
            formats[i] = (short) m.int16();
        }
        int np = m.count16(4);
        if (np != statement.paramOids.length) {
            throw new SQLException("bind message supplies " + np + " parameters, but prepared statement \""
                    + statementName + "\" requires " + statement.paramOids.length, "08P01");
        }
        List<Object> values = new ArrayList<>(np);
        for (int i = 0; i < np; i++) {
            int len = m.int32();
            byte[] raw = len < 0 ? null : m.bytes(len);
            boolean binary = nf == 1 ? formats[0] == 1 : nf > i && formats[i] == 1;
            values.add(PgValues.decode(raw, statement.parameterType(i, binary), binary));
        }
        int nr = m.count16(2);
        short[] resultFormats = new short[nr];
        for (int i = 0; i < nr; i++) {
            resultFormats[i] = (short) m.int16();
        }
        if (!portalName.isEmpty() && portals.containsKey(portalName)) {
            throw new SQLException("cursor \"" + portalName + "\" already exists", "42P03");
        }
        Portal old = portals.put(portalName, new Portal(statement, values, resultFormats));
        if (old != null) {
            old.close();
        }
        out.bindComplete();
    }

    private Statement statement(String name) throws SQLException {
        Statement s = statements.get(name);
        if (s == null) {
            throw new SQLException("prepared statement \"" + name + "\" does not exist", "26000");
        }
        return s;
    }

    private Portal portal(String name) throws SQLException {
        Portal p = portals.get(name);
        if (p == null) {
            throw new SQLException("portal \"" + name + "\" does not exist", "34000");
        }
        return p;
    }

    private void describe(PgBody m) throws SQLException {
        byte what = m.byte1();
        String name = m.cstring();
        if (what == 'S') {
            Statement s = statement(name);
            out.parameterDescription(s.paramOids);
            describeRows(s.columns, null);
        } else if (what == 'P') {
            Portal p = portal(name);
            describeRows(p.statement.columns, p.resultFormats);
        } else {
            throw new PgProtocolException("invalid DESCRIBE message subtype " + what);
        }
    }

    private void describeRows(List<PgColumn> columns, short[] formats) {
        if (columns == null) {
            out.noData();
        } else {
            out.rowDescription(columns, PgRows.formats(formats, columns.size()));
        }
    }

    private void execute(PgBody m) throws SQLException, IOException {
        Portal p = portal(m.cstring());
        int maxRows = m.int32();
        Statement s = p.statement;
        if (p.tag == null && p.rows == null) {
            if (s.prepared == null) {
                String tag = runLocal(s.sql);
                if (tag != null) {
                    out.commandComplete(tag);
                }
                p.tag = "";
                return;
            }
            checkNotFailed(s.sql);
            checkWritable(s.sql);
            runBefore(s.sql);
            boolean wasFailed = failedTransaction;
            p.result = s.prepared.execute(p.parameters, false);
            afterTransactionControl(s.sql, wasFailed);
            if (!p.result.hasRows()) {
                p.tag = wasFailed && "COMMIT".equals(s.sql.verb()) ? "ROLLBACK" : tag(s.sql, p.result.updateCount());
                p.close();
            } else {
                p.rows = p.result.rows();
            }
        }
        if (p.rows != null) {
            sendRows(p, maxRows);
        } else if (p.tag != null && !p.tag.isEmpty()) {
            out.commandComplete(p.tag);
        }
    }

    private void sendRows(Portal p, int maxRows) throws SQLException {
        List<PgColumn> columns = p.statement.columns != null ? p.statement.columns : PgRows.columns(p.rows.getMetaData());
        short[] formats = PgRows.formats(p.resultFormats, columns.size());
        long limit = maxRows <= 0 ? Long.MAX_VALUE : maxRows;
        long n = 0;
        while (n < limit) {
            if (!p.rows.next()) {
                out.commandComplete(tag(p.statement.sql, p.sent));
                p.tag = "";
                p.close();
                return;
            }
            out.dataRow(PgRows.row(p.rows, columns, formats));
            p.sent++;
            n++;
        }
        out.portalSuspended();
    }

    private void close(PgBody m) throws SQLException {
        byte what = m.byte1();
        String name = m.cstring();
        if (what == 'S') {
            closeStatement(statements.remove(name));
        } else if (what == 'P') {
            Portal p = portals.remove(name);
            if (p != null) {
                p.close();
            }
        } else {
            throw new PgProtocolException("invalid CLOSE message subtype " + what);
        }
        out.closeComplete();
    }

    private void sync() throws IOException {
        state = State.READY;
        if (!session.inTransaction()) {
            portals.values().forEach(Portal::close);
            portals.clear();
        }
        ready();
    }

    private void closeUnnamed() {
        closeStatement(statements.remove(""));
        Portal p = portals.remove("");
        if (p != null) {
            p.close();
        }
    }

    private void deallocate(String name) {
        if (name == null) {
            statements.values().forEach(PgConnection::closeStatement);
            statements.clear();
        } else {
            closeStatement(statements.remove(name));
        }
    }

    private static void closeStatement(Statement s) {
        if (s != null && s.prepared != null) {
            try {
                s.prepared.close();
            } catch (SQLException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing a prepared statement failed", e);
            }
        }
    }

    /** Releases statements and portals; the session is closed by the caller. */
    void release() {
        portals.values().forEach(Portal::close);
        portals.clear();
        deallocate(null);
    }

    ClientConnection client() {
        return client;
    }

    PgSettings settings() {
        return settings;
    }
}

package dev.borealis.cluster.wire.mysql;

import dev.borealis.cluster.ClusterSqlException;
import dev.borealis.cluster.Instance;
import dev.borealis.cluster.Role;
import dev.borealis.cluster.Session;
import dev.borealis.cluster.wire.AuthThrottle;
import dev.borealis.cluster.wire.ClientConnection;
import dev.borealis.cluster.wire.ReadTimer;
import dev.borealis.cluster.wire.WireLimits;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client connection. States: HANDSHAKE (see {@link Handshake}) → COMMAND (one command at a
 * time: read a packet with sequence 0, answer it) → CLOSED (client quit, socket broke, KILL, the
 * instance went away, or a malformed packet). Every command's failure becomes an ERR packet; only
 * a broken framing or a lost instance ends the connection. The handshake must end within {@code connect_timeout}
 * (else the socket just closes, as mysqld does); in COMMAND a client silent for {@code wait_timeout} gets error
 * 4031 and the connection closes (MySQL 8.0.24+).
 */
final class MySqlConnection implements SystemVariables.Live, SqlTranslator.Context {

    private static final Logger LOG = Logger.getLogger(MySqlConnection.class.getName());

    private final ClientConnection client;
    private final Instance instance;
    private final ServerState state;
    private final PacketChannel channel;
    private final WireLimits limits;
    private final AuthThrottle throttle;
    private final ReadTimer timer;
    private final SystemVariables variables;
    private final StatementRouter router = new StatementRouter(this);
    private final BinaryStatements statements = new BinaryStatements(this);
    private final long connectedMillis = System.currentTimeMillis();
    private volatile Session session;
    private volatile String user;
    private volatile String currentSql;
    private volatile long commandStartMillis = System.currentTimeMillis();
    private volatile boolean killed;
    private boolean multiStatements;
    private long lastInsertId;
    private long foundRows;
    private long rowCount = -1;
    private MySqlError lastError;
    private Boolean nextTransactionReadOnly;
    private Boolean sessionReadOnlyToRestore;

    MySqlConnection(ClientConnection client, ServerState state, WireLimits limits, AuthThrottle throttle)
            throws IOException {
        this.client = client;
        this.instance = client.instance();
        this.state = state;
        this.limits = limits;
        this.throttle = throttle;
        this.timer = new ReadTimer(client);
        this.variables = new SystemVariables(this, IdleTimeout.globals(limits));
        this.channel = new PacketChannel(timer.wrap(client.input()), client.output(), Protocol.MAX_ALLOWED_PACKET);
    }

    int id() {
        return client.connectionId();
    }

    void run() {
        state.register(this);
        try {
            timer.handshake(limits.handshakeTimeout());
            Handshake.Accepted accepted = new Handshake(client, channel, state, timer, throttle).run();
            if (accepted != null && openSession(accepted)) {
                channel.authenticated();
                commandLoop();
            }
        } catch (SocketTimeoutException e) {
            // connect_timeout: mysqld closes without a word ("Got timeout reading communication packets")
            LOG.log(Level.FINE, () -> "connection " + id() + ": " + e.getMessage());
        } catch (MalformedPacketException e) {
            sendQuietly(new MySqlError(e.errorCode(), "08S01", e.getMessage()));
        } catch (IOException e) {
            LOG.log(Level.FINE, () -> "connection " + id() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "connection " + id() + ": unexpected failure", e);
            sendQuietly(new MySqlError(1105, "HY000", "internal error: " + e));
        } finally {
            close();
        }
    }

    private boolean openSession(Handshake.Accepted accepted) throws IOException {
        this.user = accepted.user();
        this.multiStatements = (accepted.capabilities() & Protocol.CLIENT_MULTI_STATEMENTS) != 0;
        try {
            session = instance.openSession();
            if (accepted.database() != null) {
                router.use(accepted.database());
            }
            return true;
        } catch (SQLException e) {
            sendQuietly(ErrorMapper.map(e));
            return false;
        }
    }

    private void commandLoop() throws IOException {
        while (!killed) {
            channel.resetSequence();
            timer.idle(IdleTimeout.of(variables, limits));
            byte[] packet;
            try {
                packet = channel.read();
            } catch (SocketTimeoutException e) {
                sendQuietly(IdleTimeout.ERROR);
                return;
            }
            if (packet == null) {
                return;
            }
            if (packet.length == 0) {
                throw new MalformedPacketException("empty command packet");
            }
            commandStartMillis = System.currentTimeMillis();
            boolean goOn;
            try {
                goOn = dispatch(packet);
            } finally {
                currentSql = null;
            }
            channel.flush();
            if (!goOn) {
                return;
            }
        }
    }

    /** Answers one command; false when the connection must close. */
    private boolean dispatch(byte[] packet) throws IOException {
        int command = packet[0] & 0xFF;
        try {
            switch (command) {
                case Protocol.COM_QUIT:
                    return false;
                case Protocol.COM_QUERY:
                    query(new String(packet, 1, packet.length - 1, StandardCharsets.UTF_8));
                    return true;
                case Protocol.COM_PING:
                    checkSession();
                    sendOk(0, 0);
                    return true;
                case Protocol.COM_INIT_DB:
                    router.use(new String(packet, 1, packet.length - 1, StandardCharsets.UTF_8));
                    sendOk(0, 0);
                    return true;
                case Protocol.COM_FIELD_LIST:
                    router.fieldList(new PayloadReader(packet, 1).nulOrRestString());
                    return true;
                case Protocol.COM_STATISTICS:
                    channel.write(statistics().getBytes(StandardCharsets.UTF_8));
                    return true;
                case Protocol.COM_PROCESS_KILL:
                    router.kill((int) new PayloadReader(packet, 1).int4(), false);
                    sendOk(0, 0);
                    return true;
                case Protocol.COM_SET_OPTION:
                    multiStatements = new PayloadReader(packet, 1).int2() == 0;
                    channel.write(Messages.eof(0, status()));
                    return true;
                case Protocol.COM_RESET_CONNECTION:
                    resetConnection();
                    sendOk(0, 0);
                    return true;
                case Protocol.COM_STMT_PREPARE:
                case Protocol.COM_STMT_EXECUTE:
                case Protocol.COM_STMT_SEND_LONG_DATA:
                case Protocol.COM_STMT_CLOSE:
                case Protocol.COM_STMT_RESET:
                    statements.handle(command, new PayloadReader(packet, 1));
                    return true;
                default:
                    sendError(new MySqlError(1047, "08S01", "Unknown command " + command));
                    return true;
            }
        } catch (SQLException e) {
            return failed(e);
        } catch (MalformedPacketException e) {
            // the packet was framed correctly, only its content is wrong: answer and carry on
            sendError(new MySqlError(e.errorCode(), "08S01", "Malformed communication packet: " + e.getMessage()));
            return true;
        } catch (StackOverflowError e) {
            // whatever recursed too deep (translation, H2's parser) unwound: the connection still answers
            return failed(new MySqlError(1436, "HY000", "Thread stack overrun: the statement is nested too deeply"
                    + " for the " + Thread.currentThread().getName() + " thread's stack").exception());
        }
    }

    /** Sends the error; false (close) when the session is gone: the instance crashed, was demoted or removed. */
    boolean failed(SQLException e) throws IOException {
        MySqlError error = ErrorMapper.map(e);
        lastError = error;
        sendError(error);
        if (e instanceof ClusterSqlException c && (c.kind() == ClusterSqlException.Kind.CONNECTION_LOST
                || c.kind() == ClusterSqlException.Kind.SESSION_CLOSED)) {
            return false;
        }
        return !killed;
    }

    private void query(String sql) throws IOException, SQLException {
        List<String> parts = SqlLexer.splitStatements(sql);
        if (parts.isEmpty()) {
            throw new MySqlError(1065, "42000", "Query was empty").exception();
        }
        if (parts.size() > 1 && !multiStatements) {
            throw MySqlError.syntax(parts.get(1)).exception();
        }
        for (int i = 0; i < parts.size(); i++) {
            currentSql = parts.get(i);
            NestingDepth.check(parts.get(i));
            if (!StatementRouter.readsDiagnostics(parts.get(i))) {
                lastError = null;
            }
            boolean more = i < parts.size() - 1;
            beforeStatement();
            try (Outcome outcome = router.execute(parts.get(i))) {
                sendOutcome(outcome, false, more);
            } finally {
                afterStatement();
            }
        }
    }

    /** SET TRANSACTION READ ONLY|WRITE (no SESSION): the access mode of the next transaction only. */
    void setNextTransactionReadOnly(boolean readOnly) throws SQLException {
        if (checkSession().inTransaction()) {
            throw new MySqlError(1568, "25001", "Transaction characteristics can't be changed while a transaction is in"
                    + " progress").exception();
        }
        nextTransactionReadOnly = readOnly;
    }

    /** Applies a pending one-transaction access mode before the statement that will start that transaction. */
    void beforeStatement() throws SQLException {
        Session s = checkSession();
        if (nextTransactionReadOnly != null && !s.inTransaction()) {
            sessionReadOnlyToRestore = s.isReadOnly();
            s.setReadOnly(nextTransactionReadOnly);
            nextTransactionReadOnly = null;
        }
    }

    /** Puts the session's own access mode back once the one-off transaction has ended. */
    void afterStatement() throws SQLException {
        Session s = session;
        if (s != null && sessionReadOnlyToRestore != null && !s.inTransaction() && !s.isClosed()) {
            s.setReadOnly(sessionReadOnlyToRestore);
            sessionReadOnlyToRestore = null;
        }
    }

    void sendOutcome(Outcome outcome, boolean binary, boolean more) throws IOException, SQLException {
        int status = status() | (more ? Protocol.SERVER_MORE_RESULTS_EXISTS : 0);
        if (outcome.rows() != null) {
            foundRows = new ResultWriter(channel).write(outcome.rows(), binary, status);
            rowCount = -1;
            return;
        }
        rowCount = outcome.affected();
        if (outcome.lastInsertId() != 0) {
            lastInsertId = outcome.lastInsertId();
        }
        channel.write(Messages.ok(Math.max(outcome.affected(), 0), outcome.lastInsertId(), status, 0, null));
    }

    private void resetConnection() throws SQLException {
        Session s = checkSession();
        s.rollback();
        s.setAutoCommit(true);
        s.setReadOnly(false);
        variables.reset();
        statements.closeAll();
        lastInsertId = 0;
    }

    private String statistics() {
        long uptime = (System.currentTimeMillis() - state.startedMillis()) / 1000;
        return "Uptime: " + uptime + "  Threads: " + state.connections().size() + "  Questions: 0  Slow queries: 0"
                + "  Opens: 0  Flush tables: 0  Open tables: 0  Queries per second avg: 0.000";
    }

    int status() {
        Session s = session;
        if (s == null) {
            return Protocol.SERVER_STATUS_AUTOCOMMIT;
        }
        int status = s.isAutoCommit() ? Protocol.SERVER_STATUS_AUTOCOMMIT : 0;
        if (s.inTransaction()) {
            status |= Protocol.SERVER_STATUS_IN_TRANS;
            if (s.inReadOnlyTransaction()) {
                status |= Protocol.SERVER_STATUS_IN_TRANS_READONLY;
            }
        }
        return status;
    }

    void sendOk(long affected, long insertId) throws IOException {
        channel.write(Messages.ok(affected, insertId, status(), 0, null));
    }

    void sendError(MySqlError error) throws IOException {
        channel.write(Messages.err(error));
    }

    private void sendQuietly(MySqlError error) {
        try {
            sendError(error);
            channel.flush();
        } catch (IOException ignored) {
            // the client is gone; nothing to tell it
        }
    }

    /** KILL CONNECTION: stop the running statement and close the socket; the connection's thread ends. */
    void kill() {
        killed = true;
        cancelQuery();
        client.close();
    }

    void cancelQuery() {
        Session s = session;
        if (s != null) {
            s.cancel();
        }
    }

    private void close() {
        state.unregister(this);
        statements.closeAll();
        Session s = session;
        if (s != null) {
            s.close();
        }
        client.close();
    }

    Session checkSession() throws SQLException {
        Session s = session;
        if (s == null) {
            throw new MySqlError(2006, "08S01", "MySQL server has gone away").exception();
        }
        return s;
    }

    // ---------------------------------------------------------------- accessors for handlers

    /** The instance this connection was made to (kept: it may leave the cluster while we run). */
    Instance instance() {
        return instance;
    }

    PacketChannel channel() {
        return channel;
    }

    ServerState serverState() {
        return state;
    }

    SystemVariables variables() {
        return variables;
    }

    StatementRouter router() {
        return router;
    }

    ClientConnection client() {
        return client;
    }

    String user() {
        return user;
    }

    @Override
    public String sessionUser() {
        String address = client.remoteAddress();
        int colon = address.lastIndexOf(':');
        String host = colon > 0 ? address.substring(0, colon) : address;
        return user + "@" + (host.startsWith("/") ? host.substring(1) : host);
    }

    String currentSql() {
        return currentSql;
    }

    long connectedMillis() {
        return connectedMillis;
    }

    long commandStartMillis() {
        return commandStartMillis;
    }

    MySqlError lastError() {
        return lastError;
    }

    String schemaOrNull() {
        Session s = session;
        try {
            return s == null ? null : s.schema();
        } catch (SQLException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- SystemVariables.Live, SqlTranslator.Context

    @Override
    public boolean autocommit() {
        Session s = session;
        return s == null || s.isAutoCommit();
    }

    @Override
    public boolean sessionReadOnly() {
        Session s = session;
        return s != null && s.isReadOnly();
    }

    @Override
    public boolean instanceReadOnly() {
        return instance.role() != Role.WRITER;
    }

    @Override
    public String instanceId() {
        return instance.id();
    }

    @Override
    public String hostname() {
        String address = client.localAddress();
        return "ip-" + (address == null ? "127-0-0-1" : address.replace('.', '-').replace(':', '-'));
    }

    @Override
    public int port() {
        return client.localPort();
    }

    @Override
    public boolean tlsAvailable() {
        return client.tlsAvailable();
    }

    @Override
    public long lastInsertId() {
        return lastInsertId;
    }

    @Override
    public Object systemVariable(String name) throws MySqlErrorException {
        return variables.get(name);
    }

    @Override
    public int connectionId() {
        return id();
    }

    @Override
    public long foundRows() {
        return foundRows;
    }

    @Override
    public long rowCount() {
        return rowCount;
    }
}

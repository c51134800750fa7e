package dev.borealis.cluster.wire.pg;

import dev.borealis.cluster.Engine;
import dev.borealis.cluster.Role;
import dev.borealis.cluster.Session;
import dev.borealis.cluster.wire.AuthThrottle;
import dev.borealis.cluster.wire.ClientConnection;
import dev.borealis.cluster.wire.ConnectionSlots;
import dev.borealis.cluster.wire.ReadTimer;
import dev.borealis.cluster.wire.WireLimits;
import dev.borealis.cluster.wire.WireProtocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The PostgreSQL frontend/backend protocol v3, server side: startup and authentication
 * ({@link PgStartup}), then the per-connection state machine ({@link PgConnection}) over one
 * cluster {@link Session} on the instance the client connected to. The limits ({@code max_connections} per instance,
 * {@code authentication_timeout}, the idle timeouts' defaults, the login delay per address) belong to this frontend.
 */
public final class PgWireProtocol implements WireProtocol {

    private static final System.Logger LOG = System.getLogger(PgWireProtocol.class.getName());

    private final PgAuthMethod authMethod;
    private final WireLimits limits;
    private final ConnectionSlots slots = new ConnectionSlots();
    private final AuthThrottle throttle;

    /** SCRAM-SHA-256 authentication, as PostgreSQL 14+ and Aurora PostgreSQL default to. */
    public PgWireProtocol() {
        this(PgAuthMethod.SCRAM_SHA_256);
    }

    public PgWireProtocol(PgAuthMethod authMethod) {
        this(authMethod, WireLimits.defaults(Engine.POSTGRESQL));
    }

    public PgWireProtocol(PgAuthMethod authMethod, WireLimits limits) {
        this.authMethod = authMethod;
        this.limits = limits;
        this.throttle = new AuthThrottle(limits.authFailures());
    }

    public WireLimits limits() {
        return limits;
    }

    public PgAuthMethod authMethod() {
        return authMethod;
    }

    @Override
    public Engine engine() {
        return Engine.POSTGRESQL;
    }

    @Override
    public void serve(ClientConnection client) throws IOException {
        ConnectionSlots.Slot slot = slots.tryAcquire(client.instance(), limits.maxConnections());
        try {
            ReadTimer timer = new ReadTimer(client);
            timer.handshake(limits.handshakeTimeout());
            PgStartup startup = new PgStartup(client, authMethod, timer, throttle, slot == null);
            Optional<Map<String, String>> params = startup.run();
            if (params.isPresent()) {
                open(client, startup, params.get(), timer);
            }
        } catch (SocketTimeoutException e) {
            // authentication_timeout: the backend exits without telling the client
            LOG.log(System.Logger.Level.DEBUG, () -> e.getMessage());
        } catch (PgProtocolException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "connection " + client.connectionId() + " from "
                    + client.remoteAddress() + ": protocol violation: " + e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "connection " + client.connectionId() + " closed: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "connection " + client.connectionId() + " from "
                    + client.remoteAddress() + " failed unexpectedly", e);
        } finally {
            PgContext.unbind();
            client.close();
            if (slot != null) {
                slot.close();
            }
        }
    }

    private void open(ClientConnection client, PgStartup startup, Map<String, String> params, ReadTimer timer)
            throws IOException {
        Session session;
        try {
            session = client.instance().openSession();
        } catch (SQLException e) {
            startup.fatal(e.getSQLState() == null ? "57P03" : e.getSQLState(), e.getMessage());
            return;
        }
        BackendKeys.Key key = BackendKeys.register(session::cancel);
        String user = params.get("user");
        PgSettings settings = new PgSettings(user, params.get("application_name"),
                client.instance().role() != Role.WRITER);
        settings.set("port", String.valueOf(client.localPort()));
        limits(settings);
        applyOptions(params.get("options"), settings);
        PgContext context = new PgContext(settings, session, client, user);
        context.bind();
        PgConnection connection = new PgConnection(client, session, startup.frames(), startup.output(), settings, timer);
        try {
            PgOutput out = startup.output();
            for (String name : PgSettings.REPORTED) {
                out.parameterStatus(name, settings.get(name));
            }
            out.backendKeyData(key.pid(), key.secret());
            out.readyForQuery('I');
            out.flush();
            connection.serve();
        } finally {
            BackendKeys.unregister(key);
            connection.release();
            session.close();
            PgContext.unbind();
        }
    }

    /** What SHOW reports for the limits this frontend enforces (a session may SET the idle timeouts). */
    private void limits(PgSettings settings) {
        settings.set("max_connections", String.valueOf(limits.maxConnections()));
        long authMillis = limits.handshakeTimeout().toMillis();
        settings.set("authentication_timeout", authMillis % 1000 == 0 ? authMillis / 1000 + "s" : authMillis + "ms");
        settings.set(PgIdleTimeouts.IDLE, String.valueOf(limits.idleTimeout().toMillis()));
        settings.set(PgIdleTimeouts.IDLE_IN_TRANSACTION, String.valueOf(limits.idleInTransactionTimeout().toMillis()));
    }

    /** {@code options=-c name=value -c …} from the startup packet. */
    private static void applyOptions(String options, PgSettings settings) {
        if (options == null) {
            return;
        }
        String[] parts = options.trim().split("\\s+");
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            String assignment = p.equals("-c") && i + 1 < parts.length ? parts[++i]
                    : p.startsWith("-c") ? p.substring(2) : p.startsWith("--") ? p.substring(2) : null;
            if (assignment != null && assignment.contains("=")) {
                int eq = assignment.indexOf('=');
                settings.set(assignment.substring(0, eq).replace('-', '_').toLowerCase(Locale.ROOT),
                        assignment.substring(eq + 1));
            }
        }
    }
}

package dev.borealis.cluster.wire.mysql;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import dev.borealis.cluster.wire.AuthThrottle;
import dev.borealis.cluster.wire.ClientConnection;
import dev.borealis.cluster.wire.ConnectionSlots;
import dev.borealis.cluster.wire.WireLimits;
import dev.borealis.cluster.wire.WireProtocol;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The MySQL frontend of the embedded cluster. Per-cluster state (RSA keys, auth cache, connection registry) lives
 * in a {@link ServerState} kept as long as its cluster is reachable; the limits ({@code max_connections} per
 * instance, {@code connect_timeout}, {@code wait_timeout}, the login delay per address) belong to this frontend.
 */
public final class MySqlWireProtocol implements WireProtocol {

    private static final Map<Cluster, ServerState> STATES = Collections.synchronizedMap(new WeakHashMap<>());

    private final WireLimits limits;
    private final ConnectionSlots slots = new ConnectionSlots();
    private final AuthThrottle throttle;

    /** Aurora MySQL's default limits. */
    public MySqlWireProtocol() {
        this(WireLimits.defaults(Engine.MYSQL));
    }

    public MySqlWireProtocol(WireLimits limits) {
        this.limits = limits;
        this.throttle = new AuthThrottle(limits.authFailures());
    }

    public WireLimits limits() {
        return limits;
    }

    @Override
    public Engine engine() {
        return Engine.MYSQL;
    }

    @Override
    public void serve(ClientConnection connection) throws IOException {
        try (ConnectionSlots.Slot slot = slots.tryAcquire(connection.instance(), limits.maxConnections())) {
            if (slot == null) {
                tooManyConnections(connection);
                return;
            }
            ServerState state = STATES.computeIfAbsent(connection.cluster(), ServerState::new);
            new MySqlConnection(connection, state, limits, throttle).run();
        }
    }

    /** mysqld answers the connection one past max_connections with this error instead of the greeting. */
    private void tooManyConnections(ClientConnection connection) {
        try {
            PacketChannel channel = new PacketChannel(connection.input(), connection.output(), 0);
            channel.write(Messages.err(new MySqlError(1040, "08004", "Too many connections")));
            channel.flush();
        } catch (IOException ignored) {
            // the client is gone already
        } finally {
            connection.close();
        }
    }
}

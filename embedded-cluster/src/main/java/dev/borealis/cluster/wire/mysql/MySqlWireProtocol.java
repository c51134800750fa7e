package dev.borealis.cluster.wire.mysql;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import dev.borealis.cluster.wire.ClientConnection;
import dev.borealis.cluster.wire.WireProtocol;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The MySQL frontend of the embedded cluster. Stateless itself: per-cluster state (RSA keys, auth
 * cache, connection registry) lives in a {@link ServerState} kept as long as its cluster is reachable.
 */
public final class MySqlWireProtocol implements WireProtocol {

    private static final Map<Cluster, ServerState> STATES = Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    public Engine engine() {
        return Engine.MYSQL;
    }

    @Override
    public void serve(ClientConnection connection) throws IOException {
        ServerState state = STATES.computeIfAbsent(connection.cluster(), ServerState::new);
        new MySqlConnection(connection, state).run();
    }
}

package dev.borealis.cluster.server;

import dev.borealis.cluster.Instance;

import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One instance's network presence: its address, its listener, its fault mode and its open connections. */
final class InstanceNetwork {

    final Instance instance;
    final String id;
    final String ip;
    final EndpointListener listener;
    final FaultGate gate = new FaultGate();
    final Set<AcceptedConnection> connections = ConcurrentHashMap.newKeySet();
    /** Sockets of connections dropped while blackholed, held open (silent) until the partition heals. */
    private final Set<Socket> silenced = ConcurrentHashMap.newKeySet();

    InstanceNetwork(Instance instance, String ip, EndpointListener listener) {
        this.instance = instance;
        this.id = instance.id();
        this.ip = ip;
        this.listener = listener;
    }

    /**
     * Closes every open client socket (crash: FIN) or drops them (reset: RST). Behind a blackhole a crash is
     * silent: the clients hear nothing until the partition heals ({@link #healed()}), as with a real host that
     * dies while unreachable, so they must detect it themselves (timeouts, failure monitoring).
     */
    void dropConnections(boolean reset) {
        boolean silent = !reset && gate.mode() instanceof NetworkFault.Blackhole;
        for (AcceptedConnection connection : List.copyOf(connections)) {
            if (reset) {
                connection.reset();
            } else if (silent) {
                Socket socket = connection.closeSilently();
                if (socket != null) {
                    silenced.add(socket);
                }
            } else {
                connection.close();
            }
        }
    }

    /**
     * The partition is over: a client still holding a connection the instance dropped while unreachable gets an
     * RST on its next packet in reality; here it gets it now.
     */
    void healed() {
        for (Socket socket : List.copyOf(silenced)) {
            silenced.remove(socket);
            try {
                socket.setSoLinger(true, 0);
            } catch (IOException e) {
                // already closed
            }
            try {
                socket.close();
            } catch (IOException e) {
                // closing is best effort
            }
        }
    }

    void close() {
        listener.close();
        dropConnections(false);
        healed();
    }
}

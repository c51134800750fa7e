package dev.borealis.cluster.server;

import dev.borealis.cluster.Instance;

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

    InstanceNetwork(Instance instance, String ip, EndpointListener listener) {
        this.instance = instance;
        this.id = instance.id();
        this.ip = ip;
        this.listener = listener;
    }

    /** Closes every open client socket (crash: FIN) or drops them (reset: RST). */
    void dropConnections(boolean reset) {
        for (AcceptedConnection connection : List.copyOf(connections)) {
            if (reset) {
                connection.reset();
            } else {
                connection.close();
            }
        }
    }

    void close() {
        listener.close();
        dropConnections(false);
    }
}

package dev.borealis.cluster.wire;

import dev.borealis.cluster.Engine;

import java.io.IOException;

/**
 * An engine's wire protocol server side. One instance serves every connection of a cluster; it is
 * found with {@link java.util.ServiceLoader} by {@link #engine()}.
 */
public interface WireProtocol {

    Engine engine();

    /**
     * Serves one client connection until the client quits, the connection breaks or the instance goes
     * away. Runs on a thread of its own, named after the connection. Must not throw for anything the
     * client sends: protocol errors get the engine's error message, then the connection closes.
     */
    void serve(ClientConnection connection) throws IOException;
}

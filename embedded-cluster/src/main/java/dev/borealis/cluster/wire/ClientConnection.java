package dev.borealis.cluster.wire;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Instance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One accepted client connection on an instance endpoint, as the network layer hands it to a
 * {@link WireProtocol}. The streams may be fault-injecting (latency, blackhole) and change after
 * {@link #startTls()}; always fetch them again after the upgrade.
 */
public interface ClientConnection extends AutoCloseable {

    Cluster cluster();

    /** The instance whose endpoint the client connected to. */
    Instance instance();

    InputStream input() throws IOException;

    OutputStream output() throws IOException;

    /** Whether a server certificate is configured, so {@link #startTls()} can succeed. */
    boolean tlsAvailable();

    /** Performs the server side of a TLS handshake over this connection; the streams become encrypted. */
    void startTls() throws IOException;

    boolean isTls();

    /** e.g. {@code 127.0.0.1:53412}. */
    String remoteAddress();

    /** The address the client connected to (the instance's IP) and the port. */
    String localAddress();

    int localPort();

    /**
     * The names a client may have used to reach this connection: the local IP and the DNS names that resolve to it
     * (an IAM token is signed for one of them).
     */
    default java.util.Set<String> endpointNames() {
        return java.util.Set.of(localAddress());
    }

    /** A small number unique per connection in this cluster, e.g. MySQL's connection id. */
    int connectionId();

    boolean isClosed();

    /**
     * Bounds each following read: one waiting longer than {@code millis} fails with a
     * {@link java.net.SocketTimeoutException} (0 = wait forever). The connection stays usable.
     */
    void readTimeout(int millis) throws IOException;

    @Override
    void close();
}

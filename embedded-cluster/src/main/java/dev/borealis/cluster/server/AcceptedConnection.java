package dev.borealis.cluster.server;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Instance;
import dev.borealis.cluster.wire.ClientConnection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A client socket accepted on an instance's endpoint, with fault-injecting streams. States: plain →
 * (TLS) → closed; closing is idempotent and wakes any thread stalled at the fault gate.
 */
final class AcceptedConnection implements ClientConnection {

    private final Cluster cluster;
    private final Instance instance;
    private final Socket raw;
    private final FaultGate gate;
    private final SSLContext tls;
    private final int id;
    private final Consumer<AcceptedConnection> onClose;
    private final java.util.function.Function<String, java.util.Set<String>> namesOfIp;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Socket active;
    private volatile InputStream in;
    private volatile OutputStream out;

    AcceptedConnection(Cluster cluster, Instance instance, Socket raw, FaultGate gate, SSLContext tls, int id,
                       Consumer<AcceptedConnection> onClose,
                       java.util.function.Function<String, java.util.Set<String>> namesOfIp) throws IOException {
        this.namesOfIp = namesOfIp;
        this.cluster = cluster;
        this.instance = instance;
        this.raw = raw;
        this.gate = gate;
        this.tls = tls;
        this.id = id;
        this.onClose = onClose;
        raw.setTcpNoDelay(true);
        wrap(raw);
    }

    private void wrap(Socket socket) throws IOException {
        active = socket;
        in = new GatedStreams.In(socket.getInputStream(), gate, closed::get);
        out = new GatedStreams.Out(socket.getOutputStream(), gate, closed::get);
    }

    @Override
    public Cluster cluster() {
        return cluster;
    }

    @Override
    public Instance instance() {
        return instance;
    }

    @Override
    public InputStream input() {
        return in;
    }

    @Override
    public OutputStream output() {
        return out;
    }

    @Override
    public boolean tlsAvailable() {
        return tls != null;
    }

    @Override
    public void startTls() throws IOException {
        if (tls == null) {
            throw new IOException("connection " + id + ": no server certificate is configured");
        }
        if (isTls()) {
            throw new IOException("connection " + id + ": TLS is already active");
        }
        SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(raw, raw.getInetAddress().getHostAddress(),
                raw.getPort(), true);
        ssl.setUseClientMode(false);
        ssl.startHandshake();
        wrap(ssl);
    }

    @Override
    public boolean isTls() {
        return active instanceof SSLSocket;
    }

    @Override
    public String remoteAddress() {
        return raw.getInetAddress().getHostAddress() + ":" + raw.getPort();
    }

    @Override
    public String localAddress() {
        return raw.getLocalAddress().getHostAddress();
    }

    @Override
    public int localPort() {
        return raw.getLocalPort();
    }

    @Override
    public java.util.Set<String> endpointNames() {
        java.util.Set<String> names = new java.util.TreeSet<>(namesOfIp.apply(localAddress()));
        names.add(localAddress());
        if (raw.getLocalAddress().isLoopbackAddress()) {
            names.add("localhost");
        }
        return names;
    }

    @Override
    public int connectionId() {
        return id;
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void readTimeout(int millis) throws IOException {
        Socket socket = active;
        socket.setSoTimeout(millis);
        if (socket != raw) {
            raw.setSoTimeout(millis);
        }
    }

    /** Crash semantics: the raw socket closes (FIN, no TLS close_notify), as when a server process dies. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly(raw);
            gate.wakeAll();
            onClose.accept(this);
        }
    }

    /**
     * The server side goes away behind a blackhole: nothing may reach the client, not even a FIN. The reading
     * thread is woken by shutting down our input only (which sends nothing to the peer) and the raw socket is
     * returned, still open, for the caller to drop once the partition heals; null when already closed.
     */
    Socket closeSilently() {
        if (!closed.compareAndSet(false, true)) {
            return null;
        }
        try {
            raw.shutdownInput();
        } catch (IOException e) {
            // already shut: the reader is awake anyway
        }
        gate.wakeAll();
        onClose.accept(this);
        return raw;
    }

    /** Drops the connection with an RST. */
    void reset() {
        try {
            raw.setSoLinger(true, 0);
        } catch (IOException e) {
            // already closed: nothing to reset
        }
        close();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is best effort
        }
    }

    @Override
    public String toString() {
        return "connection " + id + " to " + instance.id() + " from " + remoteAddress();
    }
}

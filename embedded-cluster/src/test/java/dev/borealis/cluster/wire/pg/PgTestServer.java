package dev.borealis.cluster.wire.pg;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Instance;
import dev.borealis.cluster.wire.ClientConnection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal network layer for these tests: one loopback listener per instance, a named accept
 * thread, one named thread per connection handing the socket to {@link PgWireProtocol}. No TLS.
 */
final class PgTestServer implements AutoCloseable {

    private final Cluster cluster;
    private final PgWireProtocol protocol;
    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();
    private final Set<Thread> connectionThreads = ConcurrentHashMap.newKeySet();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger ids = new AtomicInteger();

    private final long stackBytes;

    PgTestServer(Cluster cluster, PgAuthMethod method) {
        this(cluster, method, 0);
    }

    /** {@code stackBytes}: the connection threads' stack size (0: the JVM's default), to provoke stack overflows. */
    PgTestServer(Cluster cluster, PgAuthMethod method, long stackBytes) {
        this.cluster = cluster;
        this.protocol = new PgWireProtocol(method);
        this.stackBytes = stackBytes;
    }

    /** The port an instance listens on (started on first use). */
    int port(String instanceId) {
        return listeners.computeIfAbsent(instanceId, id -> new Listener(cluster.instance(id))).socket.getLocalPort();
    }

    int writerPort() {
        return port(cluster.topology().writerId());
    }

    String url(String instanceId, String extra) {
        return "jdbc:postgresql://127.0.0.1:" + port(instanceId) + "/postgres" + (extra.isEmpty() ? "" : "?" + extra);
    }

    String writerUrl(String extra) {
        return url(cluster.topology().writerId(), extra);
    }

    int liveConnectionThreads() {
        connectionThreads.removeIf(t -> !t.isAlive());
        return connectionThreads.size();
    }

    /** Waits (polling) until every connection thread has ended. */
    boolean awaitNoConnections(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (liveConnectionThreads() > 0) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    @Override
    public void close() throws Exception {
        for (Listener l : listeners.values()) {
            l.close();
        }
        for (Socket s : sockets) {
            s.close();
        }
        for (Thread t : connectionThreads) {
            t.join(5000);
        }
    }

    private final class Listener implements AutoCloseable {
        final Instance instance;
        final ServerSocket socket;
        final Thread acceptor;

        Listener(Instance instance) {
            this.instance = instance;
            try {
                socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new IllegalStateException("cannot listen for " + instance.id(), e);
            }
            acceptor = new Thread(this::accept, "pg-test-accept-" + instance.id());
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    sockets.add(s);
                    SocketConnection c = new SocketConnection(s, instance, ids.incrementAndGet());
                    Thread t = new Thread(null, () -> serve(c), "pg-test-conn-" + c.connectionId(), stackBytes);
                    t.setDaemon(true);
                    connectionThreads.add(t);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(SocketConnection c) {
            try {
                protocol.serve(c);
            } catch (IOException ignored) {
                // client gone
            } finally {
                c.close();
                sockets.remove(c.socket);
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
            acceptor.join(5000);
        }
    }

    private final class SocketConnection implements ClientConnection {
        final Socket socket;
        final Instance instance;
        final int id;

        SocketConnection(Socket socket, Instance instance, int id) {
            this.socket = socket;
            this.instance = instance;
            this.id = id;
        }

        @Override public Cluster cluster() { return cluster; }
        @Override public Instance instance() { return instance; }
        @Override public InputStream input() throws IOException { return socket.getInputStream(); }
        @Override public OutputStream output() throws IOException { return socket.getOutputStream(); }
        @Override public boolean tlsAvailable() { return false; }
        @Override public void startTls() throws IOException { throw new IOException("no TLS in the test server"); }
        @Override public boolean isTls() { return false; }
        @Override public String remoteAddress() { return socket.getInetAddress().getHostAddress() + ":" + socket.getPort(); }
        @Override public String localAddress() { return socket.getLocalAddress().getHostAddress(); }
        @Override public int localPort() { return socket.getLocalPort(); }
        @Override public int connectionId() { return id; }
        @Override public boolean isClosed() { return socket.isClosed(); }
        @Override public void readTimeout(int millis) throws IOException { socket.setSoTimeout(millis); }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}

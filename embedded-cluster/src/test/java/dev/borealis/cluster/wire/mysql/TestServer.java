package dev.borealis.cluster.wire.mysql;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Instance;
import dev.borealis.cluster.wire.ClientConnection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A minimal stand-in for the network layer: one listener per instance on 127.0.0.1:0, an accept
 * thread, one named thread per client running {@link MySqlWireProtocol}. Everything it starts,
 * {@link #close()} stops.
 */
final class TestServer implements AutoCloseable {

    static final String THREAD_PREFIX = "mysql-test-";
    private static final AtomicInteger IDS = new AtomicInteger(1);

    private final Cluster cluster;
    private final SSLContext tls;
    private final Map<String, ServerSocket> listeners = new ConcurrentHashMap<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<SocketConnection> connections = new CopyOnWriteArrayList<>();
    private final MySqlWireProtocol protocol = new MySqlWireProtocol();

    private final long stackBytes;

    TestServer(Cluster cluster, SSLContext tls) throws IOException {
        this(cluster, tls, 0);
    }

    /** {@code stackBytes}: the connection threads' stack size (0: the JVM's default), to provoke stack overflows. */
    TestServer(Cluster cluster, SSLContext tls, long stackBytes) throws IOException {
        this.cluster = cluster;
        this.tls = tls;
        this.stackBytes = stackBytes;
        for (Instance instance : cluster.instances()) {
            ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            listeners.put(instance.id(), socket);
            Thread accept = new Thread(() -> acceptLoop(socket, instance.id()), THREAD_PREFIX + "accept-" + instance.id());
            accept.setDaemon(true);
            threads.add(accept);
            accept.start();
        }
    }

    int port(String instanceId) {
        return listeners.get(instanceId).getLocalPort();
    }

    String url(String instanceId, String database, String options) {
        return "jdbc:mysql://127.0.0.1:" + port(instanceId) + "/" + database + "?" + options;
    }

    private void acceptLoop(ServerSocket server, String instanceId) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                SocketConnection c = new SocketConnection(socket, instanceId, IDS.getAndIncrement());
                connections.add(c);
                Thread t = new Thread(null, () -> {
                    try {
                        protocol.serve(c);
                    } catch (IOException ignored) {
                        // the client went away
                    } finally {
                        c.close();
                        connections.remove(c);
                    }
                }, THREAD_PREFIX + "conn-" + c.connectionId(), stackBytes);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Closes the listeners and every client socket, then waits for the threads to end. */
    @Override
    public void close() {
        for (ServerSocket s : listeners.values()) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        for (SocketConnection c : connections) {
            c.close();
        }
        for (Thread t : threads) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final class SocketConnection implements ClientConnection {
        private volatile Socket socket;
        private final String instanceId;
        private final int id;
        private volatile boolean tlsOn;

        SocketConnection(Socket socket, String instanceId, int id) {
            this.socket = socket;
            this.instanceId = instanceId;
            this.id = id;
        }

        @Override
        public Cluster cluster() {
            return cluster;
        }

        @Override
        public Instance instance() {
            return cluster.instance(instanceId);
        }

        @Override
        public InputStream input() throws IOException {
            return socket.getInputStream();
        }

        @Override
        public OutputStream output() throws IOException {
            return socket.getOutputStream();
        }

        @Override
        public boolean tlsAvailable() {
            return tls != null;
        }

        @Override
        public void startTls() throws IOException {
            SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(socket,
                    socket.getInetAddress().getHostAddress(), socket.getPort(), true);
            ssl.setUseClientMode(false);
            ssl.startHandshake();
            socket = ssl;
            tlsOn = true;
        }

        @Override
        public boolean isTls() {
            return tlsOn;
        }

        @Override
        public String remoteAddress() {
            return socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
        }

        @Override
        public String localAddress() {
            return socket.getLocalAddress().getHostAddress();
        }

        @Override
        public int localPort() {
            return socket.getLocalPort();
        }

        @Override
        public int connectionId() {
            return id;
        }

        @Override
        public boolean isClosed() {
            return socket.isClosed();
        }

        @Override
        public void readTimeout(int millis) throws IOException {
            socket.setSoTimeout(millis);
        }

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

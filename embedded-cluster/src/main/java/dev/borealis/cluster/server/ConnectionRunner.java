package dev.borealis.cluster.server;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.wire.WireProtocol;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns accepted sockets into {@link AcceptedConnection}s served by the wire protocol, one owned thread
 * each ({@code borealis-CLUSTER-INSTANCE-conn-N}); connection ids are unique per cluster server.
 */
final class ConnectionRunner {

    private static final Logger LOG = Logger.getLogger(ConnectionRunner.class.getName());
    /**
     * H2 parses with recursive descent: a statement nested as deeply as the frontends allow (1000 parentheses)
     * needs more than the JVM's default 1 MiB. The stack is reserved address space; an idle connection touches only
     * the few pages it uses, so this costs no memory per connection.
     */
    static final long CONNECTION_STACK_BYTES = 4L * 1024 * 1024;

    private final Cluster cluster;
    private final WireProtocol protocol;
    private final SSLContext tls;
    private final String threadPrefix;
    private final java.util.function.Function<String, Set<String>> namesOfIp;
    private final AtomicInteger ids = new AtomicInteger();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    ConnectionRunner(Cluster cluster, WireProtocol protocol, SSLContext tls, String threadPrefix,
                     java.util.function.Function<String, Set<String>> namesOfIp) {
        this.namesOfIp = namesOfIp;
        this.cluster = cluster;
        this.protocol = protocol;
        this.tls = tls;
        this.threadPrefix = threadPrefix;
    }

    /** Serves {@code client} as a connection to {@code network}'s instance (null: nobody answers, close it). */
    void accepted(InstanceNetwork network, Socket client) {
        if (network == null) {
            closeQuietly(client);
            return;
        }
        int id = ids.incrementAndGet();
        AcceptedConnection connection;
        try {
            connection = new AcceptedConnection(cluster, network.instance, client, network.gate, tls, id,
                    network.connections::remove, namesOfIp);
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        network.connections.add(connection);
        Thread thread = new Thread(null, () -> serve(connection), threadPrefix + network.id + "-conn-" + id,
                CONNECTION_STACK_BYTES);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private void serve(AcceptedConnection connection) {
        try {
            protocol.serve(connection);
        } catch (IOException e) {
            LOG.log(Level.FINE, connection + ": closed: " + e.getMessage());
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, connection + ": the wire protocol failed", e);
        } finally {
            connection.close();
            threads.remove(Thread.currentThread());
        }
    }

    /** Waits for the connection threads, whose sockets the caller has closed. */
    void join(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (Thread thread : List.copyOf(threads)) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            try {
                thread.join(Math.max(1, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (thread.isAlive()) {
                LOG.warning(() -> "cluster " + cluster.name() + ": " + thread.getName() + " did not end within "
                        + timeoutMillis + " ms of its socket closing");
            }
        }
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the client sees the close
        }
    }
}

package dev.borealis.cluster.server.admin;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Accepts admin connections on one thread ({@code borealis-CLUSTER-admin-accept}) and serves each on a
 * bounded pool ({@code borealis-CLUSTER-admin-N}, at most {@code workers}, at most {@code queue}
 * connections waiting). A connection the pool cannot take gets 503 at once. Every
 * {@value #SWEEP_MS} ms the accept thread closes connections past their deadline, so a slow client
 * holds a worker for at most the request timeout.
 *
 * <p>Why not {@code com.sun.net.httpserver}: it reads request headers on its executor's threads with no
 * deadline, and its only timeouts ({@code sun.net.httpserver.maxReqTime}, {@code maxRspTime},
 * {@code idleInterval}) are system properties read once per JVM, so a cluster cannot set its own and a
 * test JVM's other HTTP servers would be changed too.
 */
final class AdminListener implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AdminListener.class.getName());
    static final int SWEEP_MS = 100;

    /** Serves one connection; the listener closes it afterwards. */
    @FunctionalInterface
    interface Handler {
        void serve(AdminConnection connection) throws IOException;
    }

    private final ServerSocket socket;
    private final String clusterName;
    private final long timeoutNanos;
    private final Handler handler;
    private final ThreadPoolExecutor workers;
    private final Set<AdminConnection> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    AdminListener(ServerSocket socket, String clusterName, AdminOptions options, Handler handler) throws IOException {
        this.socket = socket;
        this.clusterName = clusterName;
        this.timeoutNanos = options.requestTimeout().toNanos();
        this.handler = handler;
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(options.workers(), options.workers(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(options.queue()), r -> {
                    Thread t = new Thread(r, "borealis-" + clusterName + "-admin-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        workers.allowCoreThreadTimeOut(true);
        socket.setSoTimeout(SWEEP_MS);
        this.acceptor = new Thread(this::acceptLoop, "borealis-" + clusterName + "-admin-accept");
        acceptor.setDaemon(true);
    }

    void start() {
        acceptor.start();
    }

    int queued() {
        return workers.getQueue().size();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                accept(socket.accept());
            } catch (SocketTimeoutException e) {
                // the sweep's turn
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.FINE, "cluster " + clusterName + ": admin accept failed", e);
                }
            }
            sweep();
        }
    }

    private void accept(Socket accepted) {
        AdminConnection connection;
        try {
            connection = new AdminConnection(accepted, System.nanoTime(), timeoutNanos);
        } catch (IOException e) {
            LOG.log(Level.FINE, "cluster " + clusterName + ": admin connection unusable", e);
            closeQuietly(accepted);
            return;
        }
        dispatch(connection);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing was served on it
        }
    }

    private void dispatch(AdminConnection connection) {
        open.add(connection);
        try {
            workers.execute(() -> serve(connection));
        } catch (RejectedExecutionException e) {
            refuse(connection);
        }
    }

    private void serve(AdminConnection connection) {
        try {
            handler.serve(connection);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "cluster " + clusterName + ": admin connection failed", e);
        } finally {
            open.remove(connection);
            connection.close();
        }
    }

    /** All workers busy and the queue full: a short 503 fits the socket's send buffer, so this never blocks. */
    private void refuse(AdminConnection connection) {
        open.remove(connection);
        try (connection) {
            connection.write(HttpReply.error(new AdminException(503, "cluster " + clusterName + ": admin API busy ("
                    + workers.getMaximumPoolSize() + " requests in progress, " + workers.getQueue().size()
                    + " waiting); retry", Map.of("Retry-After", "1"))));
        } catch (IOException e) {
            LOG.log(Level.FINE, "cluster " + clusterName + ": admin 503 not delivered", e);
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        for (AdminConnection connection : open) {
            if (connection.overdue(now)) {
                open.remove(connection);
                connection.close();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "cluster " + clusterName + ": admin socket close failed", e);
        }
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        open.forEach(AdminConnection::close);
        open.clear();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

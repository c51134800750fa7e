package dev.borealis.cluster.server.admin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.HashSet;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The admin API's HTTP/1.1 transport. One I/O thread ({@code borealis-CLUSTER-admin-io}) accepts,
 * reads and writes every connection without blocking, so a client that sends half a request costs a
 * small buffer, not a thread; only complete, admitted requests reach the bounded worker pool
 * ({@code borealis-CLUSTER-admin-N}, at most {@code workers} running and {@code queue} waiting, 503
 * beyond). At most {@code maxConnections} connections are open; one more gets 503 at once. Every
 * {@value #SWEEP_MS} ms the I/O thread answers 408 to connections whose request is overdue and closes
 * those whose reply could not be written in time.
 *
 * <p>Why not {@code com.sun.net.httpserver}: it reads request headers on its executor's threads with no
 * deadline by default, and its only timeouts ({@code sun.net.httpserver.maxReqTime}, {@code maxRspTime},
 * {@code idleInterval}) are system properties read once per JVM, so a cluster cannot set its own and a
 * test JVM's other HTTP servers would be changed too.
 */
final class AdminListener implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AdminListener.class.getName());
    static final int SWEEP_MS = 100;

    /** The HTTP meaning of a request: checked on the I/O thread, run on a worker. */
    interface Handler {
        /** Checks the head (guard, route) before its body is read; throws {@link AdminException} to refuse. */
        Admitted admit(RequestHead head);

        /** Runs the route; never throws (a failure is an error reply). */
        HttpReply handle(Admitted admitted, byte[] body);
    }

    private record Reply(AdminConnection connection, HttpReply reply) {
    }

    private final ServerSocketChannel server;
    private final Selector selector;
    private final String clusterName;
    private final long timeoutNanos;
    private final int maxConnections;
    private final Handler handler;
    private final ThreadPoolExecutor workers;
    private final Queue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final Set<AdminConnection> open = new HashSet<>();
    private final ByteBuffer scratch = ByteBuffer.allocate(4096);
    private final Thread io;
    private volatile boolean closed;

    AdminListener(InetSocketAddress address, int backlog, String clusterName, AdminOptions options, Handler handler)
            throws IOException {
        this.clusterName = clusterName;
        this.timeoutNanos = options.requestTimeout().toNanos();
        this.maxConnections = options.maxConnections();
        this.handler = handler;
        this.selector = Selector.open();
        this.server = ServerSocketChannel.open();
        try {
            server.bind(address, backlog);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            server.close();
            selector.close();
            throw e;
        }
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(options.workers(), options.workers(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(options.queue()), r -> {
                    Thread t = new Thread(r, "borealis-" + clusterName + "-admin-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        workers.allowCoreThreadTimeOut(true);
        this.io = new Thread(this::loop, "borealis-" + clusterName + "-admin-io");
        io.setDaemon(true);
    }

    void start() {
        io.start();
    }

    int port() {
        return server.socket().getLocalPort();
    }

    /** Connections open now (tests watch slow clients arrive). */
    int openConnections() {
        synchronized (open) {
            return open.size();
        }
    }

    private void loop() {
        try {
            while (!closed) {
                selector.select(SWEEP_MS);
                for (SelectionKey key : selector.selectedKeys()) {
                    ready(key);
                }
                selector.selectedKeys().clear();
                deliverReplies();
                sweep(System.nanoTime());
            }
        } catch (IOException | ClosedSelectorException e) {
            if (!closed) {
                LOG.log(Level.WARNING, "cluster " + clusterName + ": admin API stopped serving", e);
            }
        } finally {
            closeAll();
        }
    }

    private void ready(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            acceptAll();
            return;
        }
        AdminConnection connection = (AdminConnection) key.attachment();
        try {
            if (key.isWritable() && connection.phase() == AdminConnection.Phase.WRITING) {
                connection.write();
            } else if (key.isReadable()) {
                readable(connection);
            }
        } catch (AdminException e) {
            reply(connection, HttpReply.error(e));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "cluster " + clusterName + ": admin connection failed", e);
            close(connection);
        }
    }

    private void acceptAll() {
        SocketChannel channel;
        try {
            while ((channel = server.accept()) != null) {
                channel.configureBlocking(false);
                SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
                AdminConnection connection = new AdminConnection(channel, key, System.nanoTime() + timeoutNanos);
                key.attach(connection);
                if (openConnections() >= maxConnections) {
                    refuse(connection);
                } else {
                    synchronized (open) {
                        open.add(connection);
                    }
                }
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "cluster " + clusterName + ": admin accept failed", e);
        }
    }

    /** Over the connection limit: a short 503 into the fresh socket's buffer, then close, keeping nothing. */
    private void refuse(AdminConnection connection) {
        try {
            connection.writeNow(HttpReply.error(new AdminException(503, "cluster " + clusterName + ": admin API busy ("
                    + maxConnections + " connections open); retry", Map.of("Retry-After", "1"))).bytes());
        } catch (IOException e) {
            LOG.log(Level.FINE, "cluster " + clusterName + ": admin 503 not delivered", e);
        }
        connection.close();
    }

    private void readable(AdminConnection connection) throws IOException {
        if (connection.phase() == AdminConnection.Phase.DRAINING) {
            if (!connection.drain(scratch)) {
                close(connection);
            }
            return;
        }
        boolean headBefore = connection.head() != null;
        if (!connection.read()) {
            close(connection);
            return;
        }
        if (!headBefore && connection.head() != null) {
            connection.admit(handler.admit(connection.head()));
            RequestHead head = connection.head();
            if (head.contentLength() > 0 && "100-continue".equalsIgnoreCase(head.header("expect"))) {
                connection.writeNow(HttpReply.CONTINUE);
            }
        }
        if (connection.bodyComplete()) {
            dispatch(connection);
        }
    }

    private void dispatch(AdminConnection connection) {
        Admitted admitted = connection.admitted();
        byte[] body = connection.body();
        connection.handling();
        try {
            workers.execute(() -> {
                HttpReply reply;
                try {
                    reply = handler.handle(admitted, body);
                } catch (RuntimeException | Error e) {
                    LOG.log(Level.WARNING, "cluster " + clusterName + ": admin handler failed", e);
                    reply = HttpReply.error(new AdminException(500, "the admin API failed: " + e));
                }
                replies.add(new Reply(connection, reply));
                selector.wakeup();
            });
        } catch (RejectedExecutionException e) {
            reply(connection, HttpReply.error(new AdminException(503, "cluster " + clusterName + ": admin API busy ("
                    + workers.getMaximumPoolSize() + " requests running, " + workers.getQueue().size()
                    + " waiting); retry", Map.of("Retry-After", "1"))));
        }
    }

    private void deliverReplies() {
        Reply r;
        while ((r = replies.poll()) != null) {
            if (r.connection().phase() == AdminConnection.Phase.HANDLING) {
                reply(r.connection(), r.reply());
            }
        }
    }

    private void reply(AdminConnection connection, HttpReply reply) {
        try {
            connection.reply(reply.bytes(), System.nanoTime() + timeoutNanos);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "cluster " + clusterName + ": admin reply not delivered", e);
            close(connection);
        }
    }

    /** Overdue requests get 408; overdue replies and lingers are closed. */
    private void sweep(long now) {
        AdminConnection[] snapshot;
        synchronized (open) {
            snapshot = open.toArray(AdminConnection[]::new);
        }
        for (AdminConnection connection : snapshot) {
            if (!connection.overdue(now)) {
                continue;
            }
            switch (connection.phase()) {
                case HEAD, BODY -> reply(connection, HttpReply.error(new AdminException(408,
                        "the request was not received within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms")));
                default -> close(connection);
            }
        }
    }

    private void close(AdminConnection connection) {
        connection.close();
        synchronized (open) {
            open.remove(connection);
        }
    }

    private void closeAll() {
        AdminConnection[] snapshot;
        synchronized (open) {
            snapshot = open.toArray(AdminConnection[]::new);
            open.clear();
        }
        for (AdminConnection connection : snapshot) {
            connection.close();
        }
        try {
            server.close();
            selector.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "cluster " + clusterName + ": admin socket close failed", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            io.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!io.isAlive()) {
            closeAll(); // the loop's own closeAll ran already, or it never started (closing twice is harmless)
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

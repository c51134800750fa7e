package dev.borealis.cluster.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A listening socket and its accept thread. States: listening → closed; {@link #close()} closes the
 * socket (which ends {@code accept()}) and waits for the thread.
 */
final class EndpointListener implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EndpointListener.class.getName());

    private final ServerSocket socket;
    private final Consumer<Socket> onAccept;
    private final Thread thread;
    private volatile boolean closed;

    EndpointListener(String threadName, ServerSocket socket, Consumer<Socket> onAccept) {
        this.socket = socket;
        this.onAccept = onAccept;
        this.thread = new Thread(this::acceptLoop, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    String ip() {
        return socket.getInetAddress().getHostAddress();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, thread.getName() + ": accept failed on " + ip() + ":" + port(), e);
                    // e.g. out of file descriptors: back off instead of spinning on the same error
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                }
                continue;
            }
            try {
                onAccept.accept(client);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, thread.getName() + ": could not hand over a connection", e);
                try {
                    client.close();
                } catch (IOException ignored) {
                    // the client sees the close
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing listener", e);
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

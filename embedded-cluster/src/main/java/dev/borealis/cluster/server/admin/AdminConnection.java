package dev.borealis.cluster.server.admin;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/**
 * One accepted admin connection. Its phases: reading (cut at the request deadline) → handling (no cut:
 * a failover may take its time) → writing (cut a request timeout after it starts) → closed. The
 * listener's sweep closes a connection whose phase is overdue, which also ends a blocked write that no
 * socket timeout could.
 */
final class AdminConnection implements AutoCloseable {

    private static final long NEVER = Long.MAX_VALUE;
    private static final int LINGER_MS = 250;
    private static final long GRACE_NANOS = 500_000_000L;

    private final Socket socket;
    private final long timeoutNanos;
    private final RequestReader reader;
    private volatile long cutAtNanos;

    AdminConnection(Socket socket, long acceptedNanos, long timeoutNanos) throws IOException {
        this.socket = socket;
        this.timeoutNanos = timeoutNanos;
        this.cutAtNanos = acceptedNanos + timeoutNanos;
        this.reader = new RequestReader(socket, cutAtNanos, timeoutNanos / 1_000_000);
    }

    RequestReader reader() {
        return reader;
    }

    /** The request is read: the handler may take as long as the cluster operation takes. */
    void handling() {
        cutAtNanos = NEVER;
    }

    /** Tells a client that sent {@code Expect: 100-continue} to go on with the body. */
    void sendContinue() throws IOException {
        socket.getOutputStream().write(HttpReply.CONTINUE);
        socket.getOutputStream().flush();
    }

    void send(HttpReply reply) throws IOException {
        write(reply);
        drainUnreadInput();
    }

    /** Writes the reply without waiting for the client's unread input (the accept thread cannot wait). */
    void write(HttpReply reply) throws IOException {
        cutAtNanos = System.nanoTime() + timeoutNanos;
        OutputStream out = socket.getOutputStream();
        out.write(reply.bytes());
        out.flush();
        socket.shutdownOutput();
    }

    /**
     * Closing a socket with unread input makes TCP send a reset, which can destroy the response just
     * written (a refused request's body was never read). So read what the client still sends, briefly and
     * boundedly, until it closes its side after reading the response.
     */
    private void drainUnreadInput() {
        try {
            socket.setSoTimeout(LINGER_MS);
            byte[] sink = new byte[4096];
            int total = 0;
            int n;
            while (total <= RequestReader.MAX_BODY && (n = socket.getInputStream().read(sink)) >= 0) {
                total += n;
            }
        } catch (IOException e) {
            // the client is gone or slow: the response was written, nothing more to save
        }
    }

    /** Past its phase's deadline by more than the grace the reader's own 408 needs to be written. */
    boolean overdue(long nowNanos) {
        long cut = cutAtNanos;
        return cut != NEVER && nowNanos - cut > GRACE_NANOS;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all that was left to do
        }
    }
}

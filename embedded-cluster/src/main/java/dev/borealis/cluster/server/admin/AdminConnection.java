package dev.borealis.cluster.server.admin;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One admin connection, driven by the listener's I/O thread only. Phases:
 * HEAD (reading the request line and headers) → BODY (reading Content-Length bytes) → HANDLING (a
 * worker runs the route; nothing is read) → WRITING (the reply) → DRAINING (reading and discarding what
 * the client still sends, so that closing with unread input does not reset the reply away) → closed.
 * HEAD and BODY share one deadline from accept; WRITING and DRAINING have their own. Buffers grow with
 * the bytes that arrive, never beyond 16 KiB of head plus the declared body (at most 64 KiB).
 */
final class AdminConnection {

    enum Phase { HEAD, BODY, HANDLING, WRITING, DRAINING, CLOSED }

    private static final int FIRST_BUFFER = 2048;
    private static final long NEVER = Long.MAX_VALUE;
    private static final long LINGER_NANOS = 250_000_000L;

    private final SocketChannel channel;
    private final SelectionKey key;
    private Phase phase = Phase.HEAD;
    private byte[] in = new byte[FIRST_BUFFER];
    private int length;
    private int bodyStart;
    private RequestHead head;
    private Admitted admitted;
    private ByteBuffer out;
    private long deadlineNanos;
    private int drained;

    AdminConnection(SocketChannel channel, SelectionKey key, long deadlineNanos) {
        this.channel = channel;
        this.key = key;
        this.deadlineNanos = deadlineNanos;
    }

    Phase phase() {
        return phase;
    }

    boolean overdue(long nowNanos) {
        return deadlineNanos != NEVER && nowNanos - deadlineNanos > 0;
    }

    /**
     * Reads what has arrived. Returns false when the client closed its side before a whole request
     * (there is nobody to answer); the head is parsed as soon as it is complete.
     */
    boolean read() throws IOException {
        int limit = phase == Phase.HEAD ? RequestParser.MAX_HEAD_BYTES : bodyStart + head.contentLength();
        if (length == in.length) {
            if (length >= limit) {
                throw new AdminException(431, "request headers are larger than " + RequestParser.MAX_HEAD_BYTES + " bytes");
            }
            in = Arrays.copyOf(in, Math.min(limit, in.length * 2));
        }
        int n = channel.read(ByteBuffer.wrap(in, length, Math.min(in.length, limit) - length));
        if (n < 0) {
            return false;
        }
        int before = length;
        length += n;
        if (phase == Phase.HEAD) {
            int end = RequestParser.headEnd(in, before, length);
            if (end >= 0) {
                head = RequestParser.parse(new String(in, 0, end, StandardCharsets.ISO_8859_1));
                bodyStart = end + 4;
                phase = Phase.BODY;
            } else if (length >= RequestParser.MAX_HEAD_BYTES) {
                throw new AdminException(431, "request headers are larger than " + RequestParser.MAX_HEAD_BYTES + " bytes");
            }
        }
        return true;
    }

    /** The head, once {@link #read} parsed it (phase BODY or later). */
    RequestHead head() {
        return head;
    }

    void admit(Admitted admitted) {
        this.admitted = admitted;
    }

    Admitted admitted() {
        return admitted;
    }

    boolean bodyComplete() {
        return phase == Phase.BODY && length - bodyStart >= head.contentLength();
    }

    byte[] body() {
        return Arrays.copyOfRange(in, bodyStart, bodyStart + head.contentLength());
    }

    /** A worker has the request: stop reading, no deadline (a failover takes what it takes). */
    void handling() {
        phase = Phase.HANDLING;
        deadlineNanos = NEVER;
        in = null;
        key.interestOps(0);
    }

    /** Starts writing {@code bytes}; the reply must be written by {@code deadlineNanos}. */
    void reply(byte[] bytes, long deadlineNanos) throws IOException {
        phase = Phase.WRITING;
        in = null;
        out = ByteBuffer.wrap(bytes);
        this.deadlineNanos = deadlineNanos;
        write();
    }

    /** Writes what the socket takes; when all is written, half-closes and drains for a short linger. */
    void write() throws IOException {
        channel.write(out);
        if (out.hasRemaining()) {
            key.interestOps(SelectionKey.OP_WRITE);
            return;
        }
        channel.shutdownOutput();
        phase = Phase.DRAINING;
        deadlineNanos = System.nanoTime() + LINGER_NANOS;
        key.interestOps(SelectionKey.OP_READ);
    }

    /** Discards input until the client closes or sent more than a body's worth; false when done. */
    boolean drain(ByteBuffer scratch) throws IOException {
        scratch.clear();
        int n = channel.read(scratch);
        drained += Math.max(n, 0);
        return n >= 0 && drained <= RequestParser.MAX_BODY;
    }

    /** Best effort, for a 100 Continue: a few bytes into a socket buffer nothing else was written to. */
    void writeNow(byte[] bytes) throws IOException {
        channel.write(ByteBuffer.wrap(bytes));
    }

    void close() {
        phase = Phase.CLOSED;
        key.cancel();
        try {
            channel.close();
        } catch (IOException e) {
            // closing was all that was left to do
        }
    }
}

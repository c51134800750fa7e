package dev.borealis.cluster.wire;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * The read timeout a connection is under, applied to its socket before every read. States: HANDSHAKE (one deadline
 * for the whole connection phase, so a client trickling a byte at a time cannot hold on: MySQL's
 * {@code connect_timeout}, PostgreSQL's {@code authentication_timeout}) → IDLE (each wait for the next command is
 * bounded by the session's idle timeout, zero = none). One per connection, used by its serving thread only.
 */
public final class ReadTimer {

    private final ClientConnection client;
    private long deadlineNanos;
    private long handshakeMillis;
    private int idleMillis;
    private int applied = -1;

    public ReadTimer(ClientConnection client) {
        this.client = client;
    }

    /** The connection phase must end within {@code timeout} from now. */
    public void handshake(Duration timeout) {
        handshakeMillis = timeout.toMillis();
        deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    /** Authenticated: from now on each read waits at most {@code timeout} (zero: forever). */
    public void idle(Duration timeout) {
        deadlineNanos = 0;
        idleMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    /** Whether the connection is still in its connection phase (a timeout then ends it silently). */
    public boolean inHandshake() {
        return deadlineNanos != 0;
    }

    /** {@code in}, with this timer applied before each read. */
    public InputStream wrap(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                beforeRead();
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                beforeRead();
                return in.read(b, off, len);
            }
        };
    }

    private void beforeRead() throws IOException {
        int timeout = idleMillis;
        if (deadlineNanos != 0) {
            long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new SocketTimeoutException("connection " + client.connectionId() + " from " + client.remoteAddress()
                        + ": not authenticated within " + handshakeMillis + " ms");
            }
            timeout = (int) Math.min(Integer.MAX_VALUE, left);
        }
        if (timeout != applied) {
            client.readTimeout(timeout);
            applied = timeout;
        }
    }
}

package dev.borealis.cluster.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a message body whose length the client declared. The buffer grows with the bytes that actually arrive
 * (doubling from {@link #FIRST_CHUNK}), never to the declared length up front: a client that declares 16 MiB and
 * sends 4 bytes costs the server a few kilobytes, not 16 MiB.
 */
public final class Payloads {

    static final int FIRST_CHUNK = 8 * 1024;

    private Payloads() {
    }

    /** Exactly {@code length} bytes from {@code in}; EOFException when the client closes before. */
    public static byte[] read(InputStream in, int length) throws IOException {
        byte[] buffer = new byte[Math.min(length, FIRST_CHUNK)];
        int off = 0;
        while (off < length) {
            if (off == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(length, 2L * buffer.length));
            }
            int n = in.read(buffer, off, buffer.length - off);
            if (n < 0) {
                throw new EOFException("client closed the connection after " + off + " of a " + length + "-byte message");
            }
            off += n;
        }
        return buffer;
    }
}

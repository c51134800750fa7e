package dev.borealis.cluster.wire.mysql;

import dev.borealis.cluster.wire.Payloads;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * MySQL packet framing: a 3-byte little-endian length, a 1-byte sequence id, the payload. A payload of
 * 2^24-1 bytes or more is split into full-size packets followed by a shorter one (possibly empty).
 * Sequence ids restart at 0 with each command; a packet out of sequence ends the connection. Until the client
 * is authenticated a packet may be at most {@link #MAX_HANDSHAKE_PACKET} bytes, then {@code max_allowed_packet};
 * either way a payload's buffer grows with the bytes that arrive, not with the length the header declares.
 */
final class PacketChannel {

    static final int MAX_PART = 0xFFFFFF;
    /**
     * A handshake response is a few hundred bytes; connection attributes may add up to 64 KiB (mysqld refuses
     * more); an IAM token about 2 KiB.
     */
    static final int MAX_HANDSHAKE_PACKET = 64 * 1024 + 4 * 1024;

    private final long maxPayload;
    private boolean authenticated;
    private InputStream in;
    private OutputStream out;
    private int sequence;

    PacketChannel(InputStream in, OutputStream out, long maxPayload) {
        this.maxPayload = maxPayload;
        rebind(in, out);
    }

    /** Uses new streams (after a TLS upgrade), keeping the sequence. */
    void rebind(InputStream in, OutputStream out) {
        this.in = in;
        this.out = new BufferedOutputStream(out, 16 * 1024);
    }

    /** The client is authenticated: packets up to {@code max_allowed_packet} from now on. */
    void authenticated() {
        authenticated = true;
    }

    void resetSequence() {
        sequence = 0;
    }

    /** Reads one logical packet; null when the client closed the connection between packets. */
    byte[] read() throws IOException {
        byte[] header = new byte[4];
        if (!readFully(header, true)) {
            return null;
        }
        byte[] payload = readPart(header);
        if (payload.length < MAX_PART) {
            return payload;
        }
        java.io.ByteArrayOutputStream whole = new java.io.ByteArrayOutputStream(payload.length * 2);
        whole.write(payload);
        while (payload.length == MAX_PART) {
            readFully(header, false);
            payload = readPart(header);
            if (whole.size() + (long) payload.length > maxPayload) {
                throw new MalformedPacketException(1153, "Got a packet bigger than 'max_allowed_packet' bytes");
            }
            whole.write(payload);
        }
        return whole.toByteArray();
    }

    private byte[] readPart(byte[] header) throws IOException {
        int length = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
        int seq = header[3] & 0xFF;
        if (seq != sequence) {
            throw new MalformedPacketException(1156, "Got packets out of order (expected sequence " + sequence
                    + ", got " + seq + ")");
        }
        sequence = (sequence + 1) & 0xFF;
        if (!authenticated && length > MAX_HANDSHAKE_PACKET) {
            throw new MalformedPacketException(1043, "Bad handshake (a " + length + "-byte packet before"
                    + " authentication; at most " + MAX_HANDSHAKE_PACKET + " are accepted)");
        }
        if (length > maxPayload) {
            throw new MalformedPacketException(1153, "Got a packet bigger than 'max_allowed_packet' bytes");
        }
        return Payloads.read(in, length);
    }

    private boolean readFully(byte[] buffer, boolean eofAllowed) throws IOException {
        int off = 0;
        while (off < buffer.length) {
            int n = in.read(buffer, off, buffer.length - off);
            if (n < 0) {
                if (eofAllowed && off == 0) {
                    return false;
                }
                throw new EOFException("client closed the connection in the middle of a packet");
            }
            off += n;
        }
        return true;
    }

    /** Buffers one logical packet (split when large); {@link #flush()} sends. */
    void write(byte[] payload) throws IOException {
        write(payload, 0, payload.length);
    }

    void write(byte[] payload, int offset, int length) throws IOException {
        int off = offset;
        int left = length;
        while (true) {
            int part = Math.min(left, MAX_PART);
            out.write(part & 0xFF);
            out.write(part >>> 8 & 0xFF);
            out.write(part >>> 16 & 0xFF);
            out.write(sequence);
            sequence = (sequence + 1) & 0xFF;
            out.write(payload, off, part);
            off += part;
            left -= part;
            if (part < MAX_PART) {
                return;
            }
        }
    }

    void flush() throws IOException {
        out.flush();
    }

    static byte[] copy(byte[] b, int from) {
        return Arrays.copyOfRange(b, Math.min(from, b.length), b.length);
    }
}

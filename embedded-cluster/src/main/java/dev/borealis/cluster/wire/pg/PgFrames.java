package dev.borealis.cluster.wire.pg;

import dev.borealis.cluster.wire.Payloads;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Message framing of protocol v3: the untyped startup packets ({@code int32 length} then body) and
 * typed messages ({@code byte type, int32 length} then body). Lengths are checked against a cap (during
 * authentication PostgreSQL's own, 65535 bytes) and a body's buffer grows with the bytes that actually arrive, so a
 * declared length costs nothing until the client sends that much.
 */
final class PgFrames {

    static final int MAX_MESSAGE = 64 * 1024 * 1024;
    static final int MAX_STARTUP = 10_000;
    /** PG_MAX_AUTH_TOKEN_LENGTH: the longest password / SASL message PostgreSQL reads. */
    static final int MAX_AUTH_MESSAGE = 65_535;

    private final DataInputStream in;

    PgFrames(InputStream in) {
        this.in = new DataInputStream(in);
    }

    /** A startup-phase packet (SSLRequest, StartupMessage, CancelRequest …); null on a clean EOF. */
    PgBody readStartup() throws IOException, PgProtocolException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int length = (first << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
        if (length < 8 || length > MAX_STARTUP) {
            throw new PgProtocolException("invalid length of startup packet: " + length);
        }
        return new PgBody('\0', readFully(length - 4));
    }

    /** The next typed message; null on a clean EOF between messages. */
    PgBody read() throws IOException, PgProtocolException {
        return read(MAX_MESSAGE);
    }

    /** The next typed message of at most {@code max} bytes; null on a clean EOF between messages. */
    PgBody read(int max) throws IOException, PgProtocolException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        int length = in.readInt();
        if (length < 4 || length > max) {
            throw new PgProtocolException("invalid message length " + length + " for message type '"
                    + printable(type) + "'");
        }
        return new PgBody((char) type, readFully(length - 4));
    }

    private byte[] readFully(int n) throws IOException {
        try {
            return Payloads.read(in, n);
        } catch (EOFException e) {
            throw new EOFException("client closed the connection inside a " + n + "-byte message");
        }
    }

    static String printable(int type) {
        return type >= 32 && type < 127 ? String.valueOf((char) type) : "0x" + Integer.toHexString(type);
    }
}

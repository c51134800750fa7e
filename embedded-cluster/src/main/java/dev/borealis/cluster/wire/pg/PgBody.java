package dev.borealis.cluster.wire.pg;

import java.nio.charset.StandardCharsets;

/** Reads the fields of one frontend message body; every read is bounds-checked so a lying client gets 08P01. */
final class PgBody {

    private final char type;
    private final byte[] data;
    private int pos;

    PgBody(char type, byte[] data) {
        this.type = type;
        this.data = data;
    }

    char type() {
        return type;
    }

    int remaining() {
        return data.length - pos;
    }

    int int32() throws PgProtocolException {
        need(4);
        int v = ((data[pos] & 0xff) << 24) | ((data[pos + 1] & 0xff) << 16) | ((data[pos + 2] & 0xff) << 8) | (data[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    int int16() throws PgProtocolException {
        need(2);
        int v = (short) (((data[pos] & 0xff) << 8) | (data[pos + 1] & 0xff));
        pos += 2;
        return v;
    }

    /** A non-negative count (of formats, parameters …) that must fit in what is left of the message. */
    int count16(int bytesEach) throws PgProtocolException {
        int n = int16();
        if (n < 0 || (long) n * bytesEach > remaining()) {
            throw new PgProtocolException("message '" + type + "': count " + n + " exceeds the " + remaining() + " bytes left");
        }
        return n;
    }

    byte byte1() throws PgProtocolException {
        need(1);
        return data[pos++];
    }

    byte[] bytes(int n) throws PgProtocolException {
        if (n < 0) {
            throw new PgProtocolException("message '" + type + "': negative length " + n);
        }
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(data, pos, out, 0, n);
        pos += n;
        return out;
    }

    String cstring() throws PgProtocolException {
        for (int i = pos; i < data.length; i++) {
            if (data[i] == 0) {
                String s = new String(data, pos, i - pos, StandardCharsets.UTF_8);
                pos = i + 1;
                return s;
            }
        }
        throw new PgProtocolException("message '" + type + "': string field is not null-terminated");
    }

    byte[] rest() {
        byte[] out = new byte[data.length - pos];
        System.arraycopy(data, pos, out, 0, out.length);
        pos = data.length;
        return out;
    }

    private void need(int n) throws PgProtocolException {
        if (data.length - pos < n) {
            throw new PgProtocolException("message '" + type + "' is truncated: needed " + n + " more bytes, "
                    + (data.length - pos) + " left");
        }
    }
}

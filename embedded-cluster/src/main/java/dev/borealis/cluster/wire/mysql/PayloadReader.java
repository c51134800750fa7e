package dev.borealis.cluster.wire.mysql;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads MySQL's fixed and length-encoded integers and strings from one payload, checking bounds. */
final class PayloadReader {

    private final byte[] data;
    private int pos;

    PayloadReader(byte[] data) {
        this.data = data;
    }

    PayloadReader(byte[] data, int pos) {
        this.data = data;
        this.pos = pos;
    }

    int remaining() {
        return data.length - pos;
    }

    int position() {
        return pos;
    }

    private void need(int n) throws MalformedPacketException {
        if (n < 0 || pos + n > data.length) {
            throw new MalformedPacketException("packet too short: needed " + n + " more byte(s) at offset " + pos
                    + " of " + data.length);
        }
    }

    int int1() throws MalformedPacketException {
        need(1);
        return data[pos++] & 0xFF;
    }

    int int2() throws MalformedPacketException {
        need(2);
        int v = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    int int3() throws MalformedPacketException {
        need(3);
        int v = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8 | (data[pos + 2] & 0xFF) << 16;
        pos += 3;
        return v;
    }

    long int4() throws MalformedPacketException {
        need(4);
        long v = (data[pos] & 0xFFL) | (data[pos + 1] & 0xFFL) << 8 | (data[pos + 2] & 0xFFL) << 16
                | (data[pos + 3] & 0xFFL) << 24;
        pos += 4;
        return v;
    }

    long int8() throws MalformedPacketException {
        long low = int4();
        long high = int4();
        return low | high << 32;
    }

    long lenenc() throws MalformedPacketException {
        int first = int1();
        switch (first) {
            case 0xFC: return int2();
            case 0xFD: return int3();
            case 0xFE: return int8();
            case 0xFB: return -1; // NULL
            case 0xFF: throw new MalformedPacketException("invalid length-encoded integer prefix 0xFF at offset " + (pos - 1));
            default: return first;
        }
    }

    byte[] bytes(int n) throws MalformedPacketException {
        need(n);
        byte[] b = Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return b;
    }

    byte[] lenencBytes() throws MalformedPacketException {
        long n = lenenc();
        if (n < 0) {
            return null;
        }
        if (n > remaining()) {
            throw new MalformedPacketException("length-encoded string of " + n + " bytes exceeds the packet ("
                    + remaining() + " left)");
        }
        return bytes((int) n);
    }

    String lenencString() throws MalformedPacketException {
        byte[] b = lenencBytes();
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    byte[] nulBytes() throws MalformedPacketException {
        int end = pos;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        if (end >= data.length) {
            throw new MalformedPacketException("unterminated string at offset " + pos);
        }
        byte[] b = Arrays.copyOfRange(data, pos, end);
        pos = end + 1;
        return b;
    }

    String nulString() throws MalformedPacketException {
        return new String(nulBytes(), StandardCharsets.UTF_8);
    }

    /** A NUL-terminated string, or the rest of the packet when the terminator is missing. */
    String nulOrRestString() {
        int end = pos;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        String s = new String(data, pos, end - pos, StandardCharsets.UTF_8);
        pos = Math.min(end + 1, data.length);
        return s;
    }

    byte[] rest() {
        byte[] b = Arrays.copyOfRange(data, pos, data.length);
        pos = data.length;
        return b;
    }

    void skip(int n) throws MalformedPacketException {
        need(n);
        pos += n;
    }
}

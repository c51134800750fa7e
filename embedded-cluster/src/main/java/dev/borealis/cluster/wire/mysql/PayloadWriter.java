package dev.borealis.cluster.wire.mysql;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds one payload: fixed and length-encoded integers and strings, little-endian. */
final class PayloadWriter {

    private byte[] buf;
    private int size;

    PayloadWriter() {
        this(64);
    }

    PayloadWriter(int capacity) {
        buf = new byte[Math.max(capacity, 16)];
    }

    private void ensure(int n) {
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }

    PayloadWriter int1(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    PayloadWriter int2(int v) {
        return int1(v).int1(v >>> 8);
    }

    PayloadWriter int3(int v) {
        return int1(v).int1(v >>> 8).int1(v >>> 16);
    }

    PayloadWriter int4(long v) {
        return int1((int) v).int1((int) (v >>> 8)).int1((int) (v >>> 16)).int1((int) (v >>> 24));
    }

    PayloadWriter int8(long v) {
        return int4(v).int4(v >>> 32);
    }

    PayloadWriter lenenc(long v) {
        if (v >= 0 && v < 251) {
            return int1((int) v);
        }
        if (v >= 0 && v < 1 << 16) {
            return int1(0xFC).int2((int) v);
        }
        if (v >= 0 && v < 1 << 24) {
            return int1(0xFD).int3((int) v);
        }
        return int1(0xFE).int8(v);
    }

    PayloadWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    PayloadWriter bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    PayloadWriter lenencBytes(byte[] b) {
        return lenenc(b.length).bytes(b);
    }

    PayloadWriter lenencString(String s) {
        return lenencBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    PayloadWriter nulString(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8)).int1(0);
    }

    PayloadWriter string(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    PayloadWriter zeros(int n) {
        ensure(n);
        Arrays.fill(buf, size, size + n, (byte) 0);
        size += n;
        return this;
    }

    int size() {
        return size;
    }

    void reset() {
        size = 0;
    }

    byte[] array() {
        return buf;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}

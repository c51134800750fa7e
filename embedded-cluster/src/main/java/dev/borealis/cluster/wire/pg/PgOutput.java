package dev.borealis.cluster.wire.pg;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes backend messages. Messages are buffered and written on {@link #flush()}, which the
 * connection calls at ReadyForQuery, Flush, and whenever the client must see something (COPY, auth).
 */
final class PgOutput {

    private final OutputStream out;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
    private final ByteArrayOutputStream message = new ByteArrayOutputStream(256);

    PgOutput(OutputStream out) {
        this.out = out;
    }

    // ------------------------------------------------------------ primitives

    PgOutput begin() {
        message.reset();
        return this;
    }

    PgOutput int32(int v) {
        message.write(v >>> 24);
        message.write(v >>> 16);
        message.write(v >>> 8);
        message.write(v);
        return this;
    }

    PgOutput int16(int v) {
        message.write(v >>> 8);
        message.write(v);
        return this;
    }

    PgOutput byte1(int v) {
        message.write(v);
        return this;
    }

    PgOutput bytes(byte[] v) {
        message.write(v, 0, v.length);
        return this;
    }

    PgOutput cstring(String s) {
        bytes(s.getBytes(StandardCharsets.UTF_8));
        message.write(0);
        return this;
    }

    void end(char type) {
        buffer.write(type);
        int length = message.size() + 4;
        buffer.write(length >>> 24);
        buffer.write(length >>> 16);
        buffer.write(length >>> 8);
        buffer.write(length);
        buffer.write(message.toByteArray(), 0, message.size());
        if (buffer.size() > 64 * 1024) {
            try {
                flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    void flush() throws IOException {
        if (buffer.size() > 0) {
            buffer.writeTo(out);
            buffer.reset();
        }
        out.flush();
    }

    /** A single raw byte outside message framing (the answer to SSLRequest / GSSENCRequest). */
    void rawByte(char b) throws IOException {
        flush();
        out.write(b);
        out.flush();
    }

    // ------------------------------------------------------------ messages

    void authentication(int code, byte[] extra) {
        begin().int32(code);
        if (extra != null) {
            bytes(extra);
        }
        end('R');
    }

    void parameterStatus(String name, String value) {
        begin().cstring(name).cstring(value).end('S');
    }

    void backendKeyData(int pid, int secret) {
        begin().int32(pid).int32(secret).end('K');
    }

    void readyForQuery(char status) {
        begin().byte1(status).end('Z');
    }

    void rowDescription(List<PgColumn> columns, short[] formats) {
        begin().int16(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            PgColumn c = columns.get(i);
            cstring(c.name()).int32(c.tableOid()).int16(c.attnum()).int32(c.type().oid())
                    .int16(c.type().length()).int32(c.typmod()).int16(formats == null ? 0 : formats[i]);
        }
        end('T');
    }

    void dataRow(byte[][] values) {
        begin().int16(values.length);
        for (byte[] v : values) {
            if (v == null) {
                int32(-1);
            } else {
                int32(v.length).bytes(v);
            }
        }
        end('D');
    }

    void parameterDescription(int[] oids) {
        begin().int16(oids.length);
        for (int oid : oids) {
            int32(oid);
        }
        end('t');
    }

    void commandComplete(String tag) {
        begin().cstring(tag).end('C');
    }

    void emptyQuery() {
        begin().end('I');
    }

    void noData() {
        begin().end('n');
    }

    void parseComplete() {
        begin().end('1');
    }

    void bindComplete() {
        begin().end('2');
    }

    void closeComplete() {
        begin().end('3');
    }

    void portalSuspended() {
        begin().end('s');
    }

    void error(PgError e) {
        fields(e);
        end(e.notice() ? 'N' : 'E');
    }

    private void fields(PgError e) {
        begin();
        field('S', e.severity()).field('V', e.severity()).field('C', e.sqlState()).field('M', e.message());
        if (e.detail() != null) {
            field('D', e.detail());
        }
        if (e.hint() != null) {
            field('H', e.hint());
        }
        byte1(0);
    }

    private PgOutput field(char code, String value) {
        return byte1(code).cstring(value);
    }

    void copyOutResponse(boolean binary, int columns) {
        begin().byte1(binary ? 1 : 0).int16(columns);
        for (int i = 0; i < columns; i++) {
            int16(binary ? 1 : 0);
        }
        end('H');
    }

    void copyInResponse(int columns) {
        begin().byte1(0).int16(columns);
        for (int i = 0; i < columns; i++) {
            int16(0);
        }
        end('G');
    }

    void copyData(byte[] data) {
        begin().bytes(data).end('d');
    }

    void copyDone() {
        begin().end('c');
    }
}

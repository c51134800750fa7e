package dev.borealis.cluster.wire.mysql;

import java.nio.charset.StandardCharsets;

/** Encodes the generic response packets: OK, ERR, EOF. */
final class Messages {

    private Messages() {
    }

    static byte[] ok(long affectedRows, long lastInsertId, int status, int warnings, String info) {
        PayloadWriter w = new PayloadWriter(32).int1(0x00).lenenc(affectedRows).lenenc(lastInsertId).int2(status).int2(warnings);
        if (info != null && !info.isEmpty()) {
            w.string(info);
        }
        return w.toByteArray();
    }

    static byte[] eof(int warnings, int status) {
        return new PayloadWriter(8).int1(0xFE).int2(warnings).int2(status).toByteArray();
    }

    static byte[] err(MySqlError error) {
        String state = error.sqlState() == null || error.sqlState().length() != 5 ? "HY000" : error.sqlState();
        String message = error.message() == null ? "unknown error" : error.message();
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        int max = Math.min(text.length, 8000); // messages are bounded in MySQL too (MYSQL_ERRMSG_SIZE)
        return new PayloadWriter(16 + max).int1(0xFF).int2(error.code()).string("#").string(state)
                .bytes(text, 0, max).toByteArray();
    }
}

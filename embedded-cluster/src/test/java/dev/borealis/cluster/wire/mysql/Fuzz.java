package dev.borealis.cluster.wire.mysql;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Random and mutated command packets for the robustness test. */
final class Fuzz {

    private static final String[] QUERIES = {
        "SELECT 1", "SELECT @@version, @@aurora_server_id", "SHOW TABLES FROM fuzz", "SET autocommit = 1",
        "SELECT * FROM information_schema.replica_host_status", "INSERT INTO fuzz.t VALUES (1, 'a')",
        "UPDATE fuzz.t SET v = \"b\" WHERE id = 1", "USE fuzz", "SHOW VARIABLES LIKE 'aurora%'",
        "SELECT 1; SELECT 2", "START TRANSACTION READ ONLY", "ROLLBACK", "SHOW COLUMNS FROM fuzz.t",
        "SELECT DATE_FORMAT(NOW(), '%Y'), TIME_TO_SEC(TIMEDIFF(NOW(), NOW()))", "KILL QUERY 999999"
    };

    private Fuzz() {
    }

    static byte[] packet(Random random) {
        switch (random.nextInt(6)) {
            case 0: return randomBytes(random, 1 + random.nextInt(200));
            case 1: return mutate(random, query(random));
            case 2: return query(random);
            case 3: return mutate(random, statementCommand(random));
            case 4: return statementCommand(random);
            default: {
                byte[] b = randomBytes(random, 1 + random.nextInt(40));
                b[0] = (byte) random.nextInt(0x20); // a known command with a random body
                return b;
            }
        }
    }

    private static byte[] query(Random random) {
        byte[] sql = QUERIES[random.nextInt(QUERIES.length)].getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[sql.length + 1];
        b[0] = Protocol.COM_QUERY;
        System.arraycopy(sql, 0, b, 1, sql.length);
        return b;
    }

    private static byte[] statementCommand(Random random) {
        PayloadWriter w = new PayloadWriter();
        switch (random.nextInt(4)) {
            case 0: return w.int1(Protocol.COM_STMT_PREPARE).string("SELECT ? + ?, v FROM fuzz.t WHERE id = ?").toByteArray();
            case 1: return w.int1(Protocol.COM_STMT_EXECUTE).int4(1 + random.nextInt(3)).int1(0).int4(1).int1(0).int1(1)
                    .int2(MySqlTypes.LONGLONG).int2(MySqlTypes.VAR_STRING).int2(MySqlTypes.DATETIME)
                    .int8(random.nextLong()).lenencString("x").int1(7).int2(2024).int1(2).int1(30).int1(25).int1(61).int1(0)
                    .toByteArray();
            case 2: return w.int1(Protocol.COM_STMT_SEND_LONG_DATA).int4(1).int2(random.nextInt(5)).string("blob").toByteArray();
            default: return w.int1(random.nextBoolean() ? Protocol.COM_STMT_CLOSE : Protocol.COM_STMT_RESET)
                    .int4(random.nextInt(4)).toByteArray();
        }
    }

    private static byte[] mutate(Random random, byte[] b) {
        byte[] copy = b.clone();
        int changes = 1 + random.nextInt(4);
        for (int i = 0; i < changes; i++) {
            int at = random.nextInt(copy.length);
            copy[at] = (byte) random.nextInt(256);
        }
        if (random.nextInt(4) == 0) {
            return java.util.Arrays.copyOf(copy, random.nextInt(copy.length) + 1);
        }
        return copy;
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** A frame whose length lies about the payload. */
    static byte[] brokenFrame(Random random, byte[] payload) {
        byte[] frame = RawMySqlClient.frame(0, payload);
        frame[0] = (byte) random.nextInt(256);
        frame[1] = (byte) random.nextInt(4);
        frame[2] = 0;
        return frame;
    }
}

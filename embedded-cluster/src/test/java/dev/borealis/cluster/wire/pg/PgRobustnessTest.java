package dev.borealis.cluster.wire.pg;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Random and mutated frontend messages, written in random fragments: the server answers with errors
 * or closes the connection, never hangs or dies, leaks no connection thread, and still serves pgJDBC.
 */
class PgRobustnessTest {

    private static final long SEED = Long.getLong("pg.fuzz.seed", 20261122L);
    private static Cluster cluster;
    private static PgTestServer server;
    private final List<LogRecord> unexpected = new CopyOnWriteArrayList<>();
    private final Handler watcher = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                unexpected.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void start() {
        cluster = Cluster.builder().engine(Engine.POSTGRESQL).name("pgfuzz").readers(0).user("fz", "fz").start();
        server = new PgTestServer(cluster, PgAuthMethod.TRUST);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        cluster.close();
    }

    @BeforeEach
    void watchLogs() {
        Logger.getLogger("dev.borealis.cluster.wire.pg").addHandler(watcher);
    }

    @AfterEach
    void unwatch() {
        Logger.getLogger("dev.borealis.cluster.wire.pg").removeHandler(watcher);
    }

    @Test
    void randomAndMutatedMessagesNeverHangOrKillTheServer() throws Exception {
        Random random = new Random(SEED);
        int messages = 0;
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> new Thread(r, "pg-fuzz-client"));
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int c = 0; c < 120; c++) {
                long seed = random.nextLong();
                int count = 10 + random.nextInt(40);
                messages += count;
                runs.add(pool.submit(() -> {
                    fuzzOneConnection(new Random(seed), count);
                    return null;
                }));
            }
            for (Future<?> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(messages).isGreaterThan(2000);
        assertThat(server.awaitNoConnections(Duration.ofSeconds(20))).as("connection threads all ended").isTrue();
        assertThat(unexpected).as("server threads failing unexpectedly (seed %d)", SEED)
                .extracting(r -> r.getMessage() + " " + r.getThrown()).isEmpty();
        try (Connection c = DriverManager.getConnection(server.writerUrl(""), "fz", "fz");
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 42")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }

    private void fuzzOneConnection(Random random, int count) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.writerPort())) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.write(random.nextInt(10) == 0 ? mutate(startup(), random) : startup());
            for (int i = 0; i < count; i++) {
                all.write(message(random));
            }
            try {
                writeFragmented(out, all.toByteArray(), random);
                s.shutdownOutput();
            } catch (IOException closedByServer) {
                return; // the server closed the connection first: an allowed outcome
            }
            drainToEof(s.getInputStream());
        }
    }

    private static void drainToEof(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        try {
            while (in.read(buf) >= 0) {
                // the server must close once it sees our end of stream
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("server neither answered nor closed within 15 s", e);
        } catch (IOException reset) {
            // a reset is a close
        }
    }

    private static void writeFragmented(OutputStream out, byte[] data, Random random) throws IOException {
        int pos = 0;
        while (pos < data.length) {
            int n = Math.min(data.length - pos, 1 + random.nextInt(64));
            out.write(data, pos, n);
            out.flush();
            pos += n;
        }
    }

    private static byte[] message(Random random) throws IOException {
        switch (random.nextInt(6)) {
            case 0: {
                byte[] junk = new byte[random.nextInt(40)];
                random.nextBytes(junk);
                return junk;
            }
            case 1: return mutate(valid(random), random);
            default: return valid(random);
        }
    }

    private static final String[] SQL = {"SELECT 1", "SELECT $1::int + 1", "CREATE TABLE IF NOT EXISTS fz (a INT, b TEXT)",
        "INSERT INTO fz VALUES (1, 'x') RETURNING a", "BEGIN", "COMMIT", "ROLLBACK", "SELECT * FROM fz", "SAVEPOINT s",
        "SELECT * FROM pg_type WHERE oid = 23", "SHOW server_version", "SET application_name = 'fz'", "", "SELEC oops",
        "COPY fz FROM STDIN", "COPY fz TO STDOUT", "SELECT 1; SELECT 2"};

    private static byte[] valid(Random random) throws IOException {
        String sql = SQL[random.nextInt(SQL.length)];
        switch (random.nextInt(9)) {
            case 0: return typed('Q', cstr(sql));
            case 1: return typed('P', concat(cstr(random.nextBoolean() ? "" : "s1"), cstr(sql), shortBytes(0)));
            case 2: return typed('B', concat(cstr(""), cstr(random.nextBoolean() ? "" : "s1"), shortBytes(0), shortBytes(1),
                    intBytes(1), "7".getBytes(StandardCharsets.UTF_8), shortBytes(0)));
            case 3: return typed('D', concat(new byte[] {(byte) (random.nextBoolean() ? 'S' : 'P')}, cstr("")));
            case 4: return typed('E', concat(cstr(""), intBytes(random.nextInt(3))));
            case 5: return typed('S', new byte[0]);
            case 6: return typed('d', "1\tx\n".getBytes(StandardCharsets.UTF_8));
            case 7: return typed(random.nextBoolean() ? 'c' : 'H', new byte[0]);
            default: return typed('C', concat(new byte[] {'S'}, cstr("s1")));
        }
    }

    private static byte[] mutate(byte[] msg, Random random) {
        byte[] m = msg.clone();
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits && m.length > 0; i++) {
            int at = random.nextInt(m.length);
            switch (random.nextInt(3)) {
                case 0: m[at] = (byte) random.nextInt(256); break;
                case 1: m[at] ^= (byte) (1 << random.nextInt(8)); break;
                default: m = java.util.Arrays.copyOf(m, at); break;
            }
        }
        return m;
    }

    private static byte[] startup() throws IOException {
        byte[] body = concat(intBytes(196608), cstr("user"), cstr("fz"), cstr("database"), cstr("fz"), new byte[] {0});
        return concat(intBytes(body.length + 4), body);
    }

    private static byte[] typed(char type, byte[] body) throws IOException {
        return concat(new byte[] {(byte) type}, intBytes(body.length + 4), body);
    }

    private static byte[] cstr(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(b, b.length + 1);
    }

    private static byte[] intBytes(int v) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        new DataOutputStream(b).writeInt(v);
        return b.toByteArray();
    }

    private static byte[] shortBytes(int v) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        new DataOutputStream(b).writeShort(v);
        return b.toByteArray();
    }

    private static byte[] concat(byte[]... parts) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.write(p);
        }
        return b.toByteArray();
    }

    @Test
    void cancelRequestStopsARunningQuery() throws Exception {
        try (Connection c = DriverManager.getConnection(server.writerUrl(""), "fz", "fz"); Statement st = c.createStatement()) {
            Thread canceller = new Thread(() -> {
                try {
                    Thread.sleep(300); // let the query start; the assertion does not depend on this delay
                    st.cancel();
                } catch (InterruptedException | SQLException ignored) {
                    // test ends anyway
                }
            }, "pg-test-canceller");
            canceller.start();
            assertThatThrownBy(() -> st.executeQuery("SELECT COUNT(*) FROM system_range(1, 100000) a, system_range(1, 100000) b"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
            canceller.join();
            try (ResultSet rs = st.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }
}

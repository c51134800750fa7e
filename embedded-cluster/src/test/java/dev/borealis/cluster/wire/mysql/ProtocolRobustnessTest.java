package dev.borealis.cluster.wire.mysql;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Wrong credentials, unknown commands and garbage get MySQL errors or a closed socket; the server keeps serving. */
class ProtocolRobustnessTest {

    private Cluster cluster;
    private TestServer server;
    private String writer;

    @BeforeEach
    void start() throws Exception {
        cluster = Cluster.builder().engine(Engine.MYSQL).name("robust").readers(1).start();
        server = new TestServer(cluster, null);
        writer = cluster.writer().id();
    }

    @AfterEach
    void stop() {
        server.close();
        cluster.close();
        assertThat(liveServerThreads()).isZero();
    }

    private static long liveServerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(TestServer.THREAD_PREFIX)).count();
    }

    private static long liveConnectionThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(TestServer.THREAD_PREFIX + "conn-")).count();
    }

    private Connection connect(String password) throws SQLException {
        return DriverManager.getConnection(server.url(writer, "", "allowPublicKeyRetrieval=true&useSSL=false"),
                "admin", password);
    }

    private void assertServerStillWorks() throws SQLException {
        try (Connection c = connect("admin"); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 41 + 1")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void wrongPasswordAndUnknownUserGetAccessDenied() throws Exception {
        assertThatThrownBy(() -> connect("wrong")).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getErrorCode()).isEqualTo(1045);
            assertThat(e.getSQLState()).isEqualTo("28000");
            assertThat(e.getMessage()).doesNotContain("wrong");
        });
        byte[][] answer = new byte[1][];
        try (RawMySqlClient raw = RawMySqlClient.login(server.port(writer), "nobody", "admin", answer)) {
            assertThat(answer[0][0] & 0xFF).isEqualTo(0xFF);
            assertThat(new PayloadReader(answer[0], 1).int2()).isEqualTo(1045);
        }
        try (RawMySqlClient raw = RawMySqlClient.login(server.port(writer), "admin", "admin", answer)) {
            assertThat(answer[0][0]).isZero(); // mysql_native_password login succeeds
        }
        assertServerStillWorks();
    }

    @Test
    void unknownCommandGetsError1047AndTheConnectionStaysUsable() throws Exception {
        byte[][] answer = new byte[1][];
        try (RawMySqlClient raw = RawMySqlClient.login(server.port(writer), "admin", "admin", answer)) {
            raw.write(0, new byte[] {(byte) 0x63, 1, 2, 3});
            byte[] err = raw.read();
            assertThat(err[0] & 0xFF).isEqualTo(0xFF);
            assertThat(new PayloadReader(err, 1).int2()).isEqualTo(1047);
            raw.write(0, new byte[] {Protocol.COM_PING});
            assertThat(raw.read()[0]).isZero();
            raw.write(0, ("\u0003SELECT 1").getBytes(StandardCharsets.UTF_8));
            assertThat(raw.read()[0]).isEqualTo((byte) 1); // one column follows
        }
    }

    @Test
    void thousandsOfRandomAndMutatedPacketsGetErrorsOrAClosedSocket() throws Exception {
        try (Connection c = connect("admin"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE fuzz");
            st.execute("CREATE TABLE fuzz.t (id INT PRIMARY KEY, v VARCHAR(20))");
        }
        Random random = new Random(20261122);
        int packets = 0;
        int errors = 0;
        for (int connection = 0; packets < 3000 && connection < 300; connection++) {
            byte[][] answer = new byte[1][];
            try (RawMySqlClient raw = RawMySqlClient.login(server.port(writer), "admin", "admin", answer)) {
                assertThat(answer[0][0]).isZero();
                raw.socket.setSoTimeout(20_000);
                packets += sendGarbage(raw, random);
                ByteArrayOutputStream markers = new ByteArrayOutputStream();
                errors += raw.drainUntilClosed(markers);
                for (byte marker : markers.toByteArray()) {
                    assertThat((char) marker).isEqualTo('#'); // every ERR carries a SQLSTATE
                }
            }
        }
        assertThat(packets).isGreaterThanOrEqualTo(3000);
        assertThat(errors).isPositive();
        assertServerStillWorks();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (liveConnectionThreads() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        assertThat(liveConnectionThreads()).isZero();
    }

    /**
     * Sends up to 100 random or mutated packets, fragmented, then COM_QUIT; returns how many were
     * sent before the server closed the connection (which it may do after a framing error).
     */
    private static int sendGarbage(RawMySqlClient raw, Random random) throws IOException {
        OutputStream out = new FragmentingOutputStream(raw.socket.getOutputStream(), random);
        int sent = 0;
        try {
            for (int i = 0; i < 100; i++) {
                byte[] payload = Fuzz.packet(random);
                int sequence = random.nextInt(50) == 0 ? random.nextInt(256) : 0;
                out.write(random.nextInt(80) == 0 ? Fuzz.brokenFrame(random, payload) : RawMySqlClient.frame(sequence, payload));
                sent++;
            }
            out.write(RawMySqlClient.frame(0, new byte[] {Protocol.COM_QUIT}));
            out.flush();
            raw.socket.shutdownOutput();
        } catch (java.net.SocketException closedByServer) {
            // the server gave up on this connection (ERR then close): an allowed outcome
        }
        return sent;
    }

    /** Splits writes into random small pieces, flushing each, so the server sees packets in fragments. */
    private static final class FragmentingOutputStream extends OutputStream {
        private final OutputStream out;
        private final Random random;

        FragmentingOutputStream(OutputStream out, Random random) {
            this.out = out;
            this.random = random;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int at = off;
            while (at < off + len) {
                int n = Math.min(1 + random.nextInt(64), off + len - at);
                out.write(b, at, n);
                out.flush();
                at += n;
            }
        }
    }
}

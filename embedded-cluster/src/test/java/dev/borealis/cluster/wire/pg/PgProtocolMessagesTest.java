package dev.borealis.cluster.wire.pg;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Message-level behaviour a driver relies on, checked byte by byte with a raw client. */
class PgProtocolMessagesTest {

    private static Cluster cluster;
    private static PgTestServer server;
    private Socket socket;
    private DataOutputStream out;
    private DataInputStream in;

    /** A backend message: its type and, for the ones checked here, a readable summary. */
    private record Msg(char type, String text) {
    }

    @BeforeAll
    static void start() {
        cluster = Cluster.builder().engine(Engine.POSTGRESQL).name("pgmsg").readers(0).user("u", "p").start();
        server = new PgTestServer(cluster, PgAuthMethod.TRUST);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        cluster.close();
    }

    @BeforeEach
    void connect() throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), server.writerPort());
        socket.setSoTimeout(10_000);
        out = new DataOutputStream(socket.getOutputStream());
        in = new DataInputStream(socket.getInputStream());
        out.writeInt(8);
        out.writeInt(80877103); // SSLRequest
        out.flush();
        assertThat((char) in.readByte()).isEqualTo('N');
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream b = new DataOutputStream(body);
        b.writeInt(196608);
        b.write("user\0u\0application_name\0raw\0\0".getBytes(StandardCharsets.UTF_8));
        out.writeInt(body.size() + 4);
        out.write(body.toByteArray());
        out.flush();
        List<Msg> startup = untilReady();
        assertThat(startup).extracting(Msg::type).startsWith('R').contains('S', 'K').endsWith('Z');
        assertThat(startup).extracting(Msg::text).contains("server_version=16.4", "application_name=raw",
                "integer_datetimes=on", "standard_conforming_strings=on", "client_encoding=UTF8", "Z:I");
    }

    @AfterEach
    void close() throws IOException {
        out.write('X');
        out.writeInt(4);
        out.flush();
        assertThat(in.read()).isEqualTo(-1);
        socket.close();
    }

    private void send(char type, byte[] body) throws IOException {
        out.write(type);
        out.writeInt(body.length + 4);
        out.write(body);
    }

    private void query(String sql) throws IOException {
        send('Q', (sql + "\0").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private List<Msg> untilReady() throws IOException {
        List<Msg> messages = new ArrayList<>();
        while (true) {
            char type = (char) in.readByte();
            byte[] body = new byte[in.readInt() - 4];
            in.readFully(body);
            Msg m = new Msg(type, summary(type, body));
            messages.add(m);
            if (type == 'Z') {
                return messages;
            }
        }
    }

    private static String summary(char type, byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        switch (type) {
            case 'S': return s.replaceFirst("\0", "=").replace("\0", "");
            case 'C': return "C:" + s.replace("\0", "");
            case 'Z': return "Z:" + s;
            case 'E': case 'N': {
                int code = s.indexOf("\0C");
                return type + ":" + s.substring(code + 2, code + 7);
            }
            default: return String.valueOf(type);
        }
    }

    @Test
    void severalStatementsInOneQueryAnswerInOrderAndAnErrorSkipsTheRest() throws IOException {
        query("CREATE TABLE IF NOT EXISTS m1 (a INT); INSERT INTO m1 VALUES (1), (2); SELECT a FROM m1; ;"
                + " SELECT nope FROM m1; SELECT 1");
        assertThat(untilReady()).extracting(Msg::text).containsExactly("C:CREATE TABLE", "C:INSERT 0 2", "T", "D", "D",
                "C:SELECT 2", "E:42703", "Z:I");
    }

    @Test
    void anEmptyQueryGetsEmptyQueryResponse() throws IOException {
        query("  -- only a comment\n");
        assertThat(untilReady()).extracting(Msg::type).containsExactly('I', 'Z');
    }

    @Test
    void readyForQueryReportsIdleInTransactionAndFailed() throws IOException {
        query("BEGIN");
        assertThat(untilReady()).extracting(Msg::text).containsExactly("C:BEGIN", "Z:T");
        query("BEGIN");
        assertThat(untilReady()).extracting(Msg::text).containsExactly("N:25001", "C:BEGIN", "Z:T");
        query("SELECT 1/0");
        assertThat(untilReady()).extracting(Msg::text).containsExactly("E:22012", "Z:E");
        query("SELECT 1");
        assertThat(untilReady()).extracting(Msg::text).containsExactly("E:25P02", "Z:E");
        query("COMMIT");
        assertThat(untilReady()).extracting(Msg::text).containsExactly("C:ROLLBACK", "Z:I");
    }

    @Test
    void extendedQueryWithARowLimitSuspendsThePortal() throws IOException {
        send('P', "\0SELECT \"X\" FROM system_range(1, 5)\0\0\0".getBytes(StandardCharsets.UTF_8));
        send('B', "\0\0\0\0\0\0\0\0".getBytes(StandardCharsets.UTF_8));
        send('D', "P\0".getBytes(StandardCharsets.UTF_8));
        send('E', new byte[] {0, 0, 0, 0, 3});
        send('E', new byte[] {0, 0, 0, 0, 3});
        send('S', new byte[0]);
        out.flush();
        assertThat(untilReady()).extracting(Msg::type)
                .containsExactly('1', '2', 'T', 'D', 'D', 'D', 's', 'D', 'D', 'C', 'Z');
    }

    @Test
    void anErrorInExtendedQuerySkipsToSync() throws IOException {
        send('P', "\0SELECT nope\0\0\0".getBytes(StandardCharsets.UTF_8));
        send('B', "\0\0\0\0\0\0\0\0".getBytes(StandardCharsets.UTF_8));
        send('E', new byte[] {0, 0, 0, 0, 0});
        send('S', new byte[0]);
        out.flush();
        assertThat(untilReady()).extracting(Msg::text).containsExactly("E:42703", "Z:I");
    }
}

package dev.borealis.cluster.wire.mysql;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import dev.borealis.cluster.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Commands Connector/J rarely sends, driven byte by byte: INIT_DB, SET_OPTION, FIELD_LIST, STATISTICS, RESET_CONNECTION. */
class RawCommandsTest {

    private static Cluster cluster;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        cluster = Cluster.builder().engine(Engine.MYSQL).name("raw").start();
        server = new TestServer(cluster, null);
        try (Session s = cluster.openWriterSession()) {
            s.execute("CREATE SCHEMA rawdb");
            s.execute("CREATE TABLE rawdb.t (id INT PRIMARY KEY, label VARCHAR(10))");
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static RawMySqlClient login() throws Exception {
        byte[][] answer = new byte[1][];
        RawMySqlClient raw = RawMySqlClient.login(server.port(cluster.writer().id()), "admin", "admin", answer);
        assertThat(answer[0][0]).isZero();
        return raw;
    }

    private static byte[] command(int command, String body) {
        byte[] text = body.getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[text.length + 1];
        b[0] = (byte) command;
        System.arraycopy(text, 0, b, 1, text.length);
        return b;
    }

    private static int errorCode(byte[] packet) throws Exception {
        assertThat(packet[0] & 0xFF).isEqualTo(0xFF);
        return new PayloadReader(packet, 1).int2();
    }

    @Test
    void initDbSwitchesSchemaOrAnswersUnknownDatabase() throws Exception {
        try (RawMySqlClient raw = login()) {
            raw.write(0, command(Protocol.COM_INIT_DB, "nodb"));
            assertThat(errorCode(raw.read())).isEqualTo(1049);
            raw.write(0, command(Protocol.COM_INIT_DB, "rawdb"));
            assertThat(raw.read()[0]).isZero();
            raw.write(0, command(Protocol.COM_FIELD_LIST, "t\0"));
            assertThat(new PayloadReader(raw.read()).lenencString()).isEqualTo("def");
            PayloadReader second = new PayloadReader(raw.read());
            for (int i = 0; i < 4; i++) {
                second.lenencString();
            }
            assertThat(second.lenencString()).isEqualTo("label");
            assertThat(raw.read()[0] & 0xFF).isEqualTo(0xFE);
        }
    }

    @Test
    void setOptionTogglesMultiStatements() throws Exception {
        try (RawMySqlClient raw = login()) {
            raw.write(0, new PayloadWriter().int1(Protocol.COM_SET_OPTION).int2(1).toByteArray());
            assertThat(raw.read()[0] & 0xFF).isEqualTo(0xFE);
            raw.write(0, command(Protocol.COM_QUERY, "DO 1; DO 2"));
            assertThat(errorCode(raw.read())).isEqualTo(1064);
            raw.write(0, new PayloadWriter().int1(Protocol.COM_SET_OPTION).int2(0).toByteArray());
            assertThat(raw.read()[0] & 0xFF).isEqualTo(0xFE);
            raw.write(0, command(Protocol.COM_QUERY, "SET @a = 1; SET @b = 2"));
            PayloadReader first = new PayloadReader(raw.read(), 1);
            first.lenenc();
            first.lenenc();
            assertThat(first.int2() & Protocol.SERVER_MORE_RESULTS_EXISTS).isNotZero();
            assertThat(raw.read()[0]).isZero();
        }
    }

    @Test
    void statisticsAndResetConnectionAnswer() throws Exception {
        try (RawMySqlClient raw = login()) {
            raw.write(0, new byte[] {Protocol.COM_STATISTICS});
            assertThat(new String(raw.read(), StandardCharsets.UTF_8)).startsWith("Uptime: ");
            raw.write(0, command(Protocol.COM_QUERY, "SET autocommit = 0"));
            PayloadReader ok = new PayloadReader(raw.read(), 1);
            ok.lenenc();
            ok.lenenc();
            assertThat(ok.int2() & Protocol.SERVER_STATUS_AUTOCOMMIT).isZero();
            raw.write(0, new byte[] {Protocol.COM_RESET_CONNECTION});
            PayloadReader reset = new PayloadReader(raw.read(), 1);
            reset.lenenc();
            reset.lenenc();
            assertThat(reset.int2() & Protocol.SERVER_STATUS_AUTOCOMMIT).isNotZero();
        }
    }
}

package dev.borealis.cluster.wire.mysql;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A bare-bones protocol client for tests that must send what no real driver would. */
final class RawMySqlClient implements AutoCloseable {

    final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawMySqlClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects and logs in with mysql_native_password; the login's last answer is returned. */
    static RawMySqlClient login(int port, String user, String password, byte[][] answer) throws IOException {
        return login(port, user, password, Protocol.NATIVE, answer);
    }

    /** Logs in with the named plugin's scramble (mysql_native_password or caching_sha2_password). */
    static RawMySqlClient login(int port, String user, String password, String plugin, byte[][] answer)
            throws IOException {
        RawMySqlClient c = new RawMySqlClient(new Socket(InetAddress.getLoopbackAddress(), port));
        c.socket.setSoTimeout(10_000);
        byte[] greeting = c.read();
        PayloadReader r = new PayloadReader(greeting);
        r.int1();
        r.nulString();
        r.int4();
        byte[] part1 = r.bytes(8);
        r.skip(1 + 2 + 1 + 2 + 2 + 1 + 10);
        byte[] part2 = r.bytes(12);
        byte[] scramble = new byte[20];
        System.arraycopy(part1, 0, scramble, 0, 8);
        System.arraycopy(part2, 0, scramble, 8, 12);
        int caps = Protocol.CLIENT_PROTOCOL_41 | Protocol.CLIENT_SECURE_CONNECTION | Protocol.CLIENT_PLUGIN_AUTH
                | Protocol.CLIENT_LONG_PASSWORD | Protocol.CLIENT_TRANSACTIONS | Protocol.CLIENT_MULTI_STATEMENTS;
        byte[] auth = plugin.equals(Protocol.NATIVE) ? nativeScramble(password, scramble) : sha2Scramble(password, scramble);
        byte[] response = new PayloadWriter(128).int4(caps).int4(1 << 24).int1(45).zeros(23).nulString(user)
                .int1(auth.length).bytes(auth).nulString(plugin).toByteArray();
        c.write(1, response);
        answer[0] = c.read();
        return c;
    }

    static byte[] nativeScramble(String password, byte[] scramble) {
        byte[] stage1 = Scrambles.digest("SHA-1", password.getBytes(StandardCharsets.UTF_8));
        byte[] stage2 = Scrambles.digest("SHA-1", stage1);
        return Scrambles.xor(stage1, Scrambles.digest("SHA-1", scramble, stage2));
    }

    static byte[] sha2Scramble(String password, byte[] scramble) {
        byte[] stage1 = Scrambles.digest("SHA-256", password.getBytes(StandardCharsets.UTF_8));
        byte[] stage2 = Scrambles.digest("SHA-256", stage1);
        return Scrambles.xor(stage1, Scrambles.digest("SHA-256", stage2, scramble));
    }

    void write(int sequence, byte[] payload) throws IOException {
        out.write(frame(sequence, payload));
        out.flush();
    }

    static byte[] frame(int sequence, byte[] payload) {
        byte[] b = Arrays.copyOf(new byte[] {(byte) payload.length, (byte) (payload.length >>> 8),
            (byte) (payload.length >>> 16), (byte) sequence}, 4 + payload.length);
        System.arraycopy(payload, 0, b, 4, payload.length);
        return b;
    }

    /** One packet's payload (no multi-packet joining; tests keep answers small). */
    byte[] read() throws IOException {
        byte[] header = new byte[4];
        in.readFully(header);
        int length = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
        byte[] payload = new byte[length];
        in.readFully(payload);
        return payload;
    }

    /** Reads framed packets until the server closes; returns how many ERR packets came. */
    int drainUntilClosed(ByteArrayOutputStream errors) throws IOException {
        int count = 0;
        while (true) {
            byte[] header = new byte[4];
            int first;
            try {
                first = in.read();
            } catch (java.net.SocketException reset) {
                return count; // closed by the server with unread input: a reset instead of a FIN
            }
            if (first < 0) {
                return count;
            }
            header[0] = (byte) first;
            byte[] payload;
            try {
                in.readFully(header, 1, 3);
                int length = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
                payload = new byte[length];
                in.readFully(payload);
            } catch (java.net.SocketException reset) {
                return count; // a reset may discard the tail of what the server sent; a FIN never does
            }
            int length = payload.length;
            if (length > 3 && (payload[0] & 0xFF) == 0xFF) {
                count++;
                errors.write(payload[3]);
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

package dev.borealis.cluster.server;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import dev.borealis.cluster.wire.WireLimits;
import dev.borealis.cluster.wire.WireProtocol;
import dev.borealis.cluster.wire.mysql.MySqlWireProtocol;
import dev.borealis.cluster.wire.pg.PgAuthMethod;
import dev.borealis.cluster.wire.pg.PgWireProtocol;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * Clients for the wire-limit tests, both engines, through the real network layer: JDBC (Connector/J, pgJDBC) for
 * the "normal client", raw sockets for what a hostile or broken client sends. A raw client can log in without a
 * password exchange: MySQL as {@link #RAW_USER} (empty password), PostgreSQL under trust authentication.
 */
final class WireClients {

    static final String RAW_USER = "raw";

    private WireClients() {
    }

    static Cluster cluster(Engine engine, String name) {
        return Cluster.builder().engine(engine).name(name).readers(1).user("admin", "admin").user(RAW_USER, "")
                .failoverDelay(Duration.ofMillis(200)).rebootDelay(Duration.ofMillis(200)).start();
    }

    /** The engine's frontend with {@code limits}; PostgreSQL with trust authentication so raw clients can log in. */
    static WireProtocol protocol(Engine engine, WireLimits limits) {
        return engine == Engine.MYSQL ? new MySqlWireProtocol(limits) : new PgWireProtocol(PgAuthMethod.TRUST, limits);
    }

    static ClusterServer serve(Cluster cluster, WireLimits limits) throws IOException {
        return ClusterServer.start(cluster, ServerOptions.defaults().withPort(0)
                .withProtocol(protocol(cluster.engine(), limits)));
    }

    static Connection connect(ClusterServer server, String instanceId, String password) throws SQLException {
        Engine engine = server.cluster().engine();
        Properties props = new Properties();
        props.setProperty("user", "admin");
        props.setProperty("password", password);
        if (engine == Engine.MYSQL) {
            props.setProperty("allowPublicKeyRetrieval", "true");
            props.setProperty("connectTimeout", "10000");
            props.setProperty("socketTimeout", "20000");
        } else {
            props.setProperty("connectTimeout", "10");
            props.setProperty("socketTimeout", "20");
        }
        String db = engine == Engine.MYSQL ? "" : "postgres";
        return DriverManager.getConnection(server.instanceEndpoint(instanceId).jdbcUrlByIp(engine, db), props);
    }

    static Connection connect(ClusterServer server) throws SQLException {
        return connect(server, server.cluster().topology().writerId(), "admin");
    }

    static long selectOne(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A normal client still gets served: connect, query, close. */
    static long normalQuery(ClusterServer server) throws SQLException {
        try (Connection c = connect(server)) {
            return selectOne(c);
        }
    }

    static Socket open(ClusterServer server) throws IOException {
        Endpoint e = server.instanceEndpoint(server.cluster().topology().writerId());
        Socket s = new Socket();
        s.connect(new InetSocketAddress(e.ip(), e.port()), 10_000);
        s.setSoTimeout(10_000);
        return s;
    }

    /** A raw connection logged in (MySQL: the greeting read and the OK received; PostgreSQL: ReadyForQuery read). */
    static Socket login(ClusterServer server) throws IOException {
        Socket s = open(server);
        if (server.cluster().engine() == Engine.MYSQL) {
            readMySqlPacket(s.getInputStream());
            s.getOutputStream().write(mysqlHandshakeResponse());
            byte[] ok = readMySqlPacket(s.getInputStream());
            if (ok.length == 0 || ok[0] != 0) {
                throw new IOException("login refused: " + new String(ok, StandardCharsets.UTF_8));
            }
        } else {
            s.getOutputStream().write(pgStartup("admin"));
            DataInputStream in = new DataInputStream(s.getInputStream());
            int type;
            do {
                type = in.readUnsignedByte();
                in.skipNBytes(in.readInt() - 4L);
                if (type == 'E') {
                    throw new IOException("login refused");
                }
            } while (type != 'Z');
        }
        return s;
    }

    static byte[] readMySqlPacket(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        int length = d.readUnsignedByte() | d.readUnsignedByte() << 8 | d.readUnsignedByte() << 16;
        d.readUnsignedByte();
        return d.readNBytes(length);
    }

    /** A HandshakeResponse41 (sequence 1) for {@link #RAW_USER}, whose password is empty. */
    static byte[] mysqlHandshakeResponse() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int caps = 0x200 | 0x8000 | 0x80000 | 0x1 | 0x2000; // PROTOCOL_41, SECURE_CONNECTION, PLUGIN_AUTH, ...
        int4(body, caps);
        int4(body, 16 * 1024 * 1024);
        body.write(45);
        body.writeBytes(new byte[23]);
        body.writeBytes((RAW_USER + "\0").getBytes(StandardCharsets.US_ASCII));
        body.write(0); // empty auth response
        body.writeBytes("caching_sha2_password\0".getBytes(StandardCharsets.US_ASCII));
        return mysqlFrame(1, body.toByteArray());
    }

    static byte[] mysqlFrame(int sequence, byte[] payload) {
        byte[] framed = new byte[payload.length + 4];
        framed[0] = (byte) payload.length;
        framed[1] = (byte) (payload.length >>> 8);
        framed[2] = (byte) (payload.length >>> 16);
        framed[3] = (byte) sequence;
        System.arraycopy(payload, 0, framed, 4, payload.length);
        return framed;
    }

    /** A protocol 3.0 StartupMessage. */
    static byte[] pgStartup(String user) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int4be(body, 196608);
        body.writeBytes(("user\0" + user + "\0database\0postgres\0\0").getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        int4be(framed, body.size() + 4);
        framed.writeBytes(body.toByteArray());
        return framed.toByteArray();
    }

    /** The first bytes a client sends after connecting: what the fuzzers mutate. */
    static byte[] validHello(Engine engine) {
        return engine == Engine.MYSQL ? mysqlHandshakeResponse() : pgStartup("admin");
    }

    /** A header declaring a huge message and nothing after it (before auth: at the handshake / startup). */
    static byte[] hugeDeclaredLength(Engine engine, boolean authenticated) {
        if (engine == Engine.MYSQL) {
            return new byte[] {(byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) (authenticated ? 0 : 1)};
        }
        return authenticated ? new byte[] {'Q', 0x03, (byte) 0xff, (byte) 0xff, (byte) 0xf0}
                : new byte[] {0x00, 0x00, 0x27, 0x10}; // startup packet of 10000 bytes: PostgreSQL's maximum
    }

    private static void int4(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    private static void int4be(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    /** Used heap after full collections, in bytes (the lowest of a few readings). */
    static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            lowest = Math.min(lowest, memory.getHeapMemoryUsage().getUsed());
        }
        return lowest;
    }

    /** Live server threads serving connections of {@code cluster} ({@code borealis-NAME-INSTANCE-conn-N}). */
    static long connectionThreads(Cluster cluster) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("borealis-" + cluster.name() + "-")
                        && t.getName().contains("-conn-"))
                .count();
    }

    static void closeAll(Iterable<Socket> sockets) {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing is best effort
            }
        }
    }
}

package dev.borealis.cluster.server;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import dev.borealis.cluster.wire.WireLimits;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.borealis.cluster.server.ServerFixture.await;
import static dev.borealis.cluster.server.ServerFixture.uniqueName;
import static dev.borealis.cluster.server.WireClients.closeAll;
import static dev.borealis.cluster.server.WireClients.connect;
import static dev.borealis.cluster.server.WireClients.connectionThreads;
import static dev.borealis.cluster.server.WireClients.normalQuery;
import static dev.borealis.cluster.server.WireClients.selectOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 12's bounded resources, through the real network layer and the real drivers, on both engines. */
class WireLimitsTest {

    private static final long MIB = 1024 * 1024;

    private static WireLimits limits(Engine engine) {
        return WireLimits.defaults(engine);
    }

    /**
     * Regression (issue 12): 40 MySQL connections sending {@code fe ff ff 01} took the heap from 31 to 494 MB; the
     * buffer a client declares is no longer allocated before its bytes arrive. Before and after authentication.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void declaredLengthsDoNotAllocateBeforeTheBytesArrive(Engine engine) throws Exception {
        String name = uniqueName("decl");
        try (Cluster cluster = WireClients.cluster(engine, name);
             ClusterServer server = WireClients.serve(cluster, limits(engine))) {
            assertThat(normalQuery(server)).isEqualTo(1);
            long before = WireClients.usedHeapAfterGc();
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < 40; i++) {
                    Socket s = WireClients.login(server);
                    sockets.add(s);
                    s.getOutputStream().write(WireClients.hugeDeclaredLength(engine, true));
                }
                for (int i = 0; i < 40; i++) {
                    Socket s = WireClients.open(server);
                    sockets.add(s);
                    if (engine == Engine.MYSQL) {
                        WireClients.readMySqlPacket(s.getInputStream());
                    }
                    s.getOutputStream().write(WireClients.hugeDeclaredLength(engine, false));
                }
                assertThat(normalQuery(server)).isEqualTo(1);
                long grown = WireClients.usedHeapAfterGc() - before;
                System.out.printf("%s declared-length flood: used heap after GC %d MiB before, %d MiB with 80 flooding"
                        + " connections (growth %d KiB)%n", engine, before / MIB, (before + grown) / MIB, grown / 1024);
                assertThat(grown).as("heap growth with 80 connections declaring huge messages").isLessThan(64 * MIB);
            } finally {
                closeAll(sockets);
            }
        }
    }

    /** max_connections is enforced per instance with the engine's own error; a freed slot is usable again. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void maxConnectionsIsEnforcedPerInstanceWithTheEnginesError(Engine engine) throws Exception {
        String name = uniqueName("maxc");
        try (Cluster cluster = WireClients.cluster(engine, name);
             ClusterServer server = WireClients.serve(cluster, limits(engine).withMaxConnections(3))) {
            String writer = cluster.topology().writerId();
            String reader = cluster.topology().readers().get(0).id();
            List<Connection> open = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    open.add(connect(server, writer, "admin"));
                }
                assertThat(reported(open.get(0), engine)).isEqualTo("3");
                assertThatThrownBy(() -> connect(server, writer, "admin")).isInstanceOfSatisfying(SQLException.class, e -> {
                    if (engine == Engine.MYSQL) {
                        assertThat(e.getMessage()).contains("Too many connections");
                    } else {
                        assertThat(e.getSQLState()).isEqualTo("53300");
                        assertThat(e.getMessage()).contains("sorry, too many clients already");
                    }
                });
                try (Connection onReader = connect(server, reader, "admin")) {
                    assertThat(selectOne(onReader)).as("another instance has slots of its own").isEqualTo(1);
                }
                open.remove(0).close();
                await("a freed slot is usable", Duration.ofSeconds(10), () -> {
                    try (Connection again = connect(server, writer, "admin")) {
                        return selectOne(again) == 1;
                    } catch (SQLException e) {
                        return false;
                    }
                });
            } finally {
                for (Connection c : open) {
                    c.close();
                }
            }
        }
    }

    private static String reported(Connection c, Engine engine) throws SQLException {
        try (Statement st = c.createStatement(); var rs = st.executeQuery(engine == Engine.MYSQL
                ? "SELECT @@max_connections" : "SHOW max_connections")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * Regression (issue 12): 200 slow-loris connections were held for 20 s. Each now gets the handshake timeout
     * (connect_timeout / authentication_timeout) as one deadline however slowly it sends, and a normal client is
     * served meanwhile.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void slowLorisClientsAreCutAfterTheHandshakeTimeout(Engine engine) throws Exception {
        String name = uniqueName("loris");
        Duration timeout = Duration.ofMillis(1000);
        try (Cluster cluster = WireClients.cluster(engine, name);
             ClusterServer server = WireClients.serve(cluster, limits(engine).withHandshakeTimeout(timeout))) {
            List<Socket> sockets = new ArrayList<>();
            try {
                long start = System.nanoTime();
                for (int i = 0; i < 200; i++) {
                    Socket s = WireClients.open(server);
                    sockets.add(s);
                    // a header announcing a long first packet, whose body then trickles in
                    s.getOutputStream().write(engine == Engine.MYSQL ? new byte[] {(byte) 0x60, (byte) 0xea, 0, 1}
                            : new byte[] {0, 0, 0x27, 0x0f});
                }
                assertThat(normalQuery(server)).as("a normal client is served during the flood").isEqualTo(1);
                await("every slow-loris connection is cut", Duration.ofSeconds(30), () -> {
                    trickle(sockets);
                    return connectionThreads(cluster) == 0;
                });
                long took = (System.nanoTime() - start) / 1_000_000;
                assertThat(took).as("cut no earlier than the timeout").isGreaterThanOrEqualTo(timeout.toMillis());
                assertThat(normalQuery(server)).isEqualTo(1);
            } finally {
                closeAll(sockets);
            }
        }
    }

    private static void trickle(List<Socket> sockets) {
        for (Socket s : sockets) {
            try {
                OutputStream out = s.getOutputStream();
                out.write('x');
            } catch (IOException e) {
                // cut by the server: what we wait for
            }
        }
    }
}

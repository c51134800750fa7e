package dev.borealis.cluster.server;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import dev.borealis.cluster.wire.WireLimits;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.borealis.cluster.server.ServerFixture.await;
import static dev.borealis.cluster.server.ServerFixture.awaitNoServerThreads;
import static dev.borealis.cluster.server.ServerFixture.uniqueName;
import static dev.borealis.cluster.server.WireClients.closeAll;
import static dev.borealis.cluster.server.WireClients.connectionThreads;
import static dev.borealis.cluster.server.WireClients.normalQuery;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wire fuzzers, bounded for CI (a few seconds each), both engines, through the real network layer: random blobs,
 * mutated first messages (a valid handshake response / startup message with bytes flipped, cut or extended), random
 * declared lengths, and a 2,000-connection flood. Seeded: {@code -Dborealis.fuzz.seed=N} replays a run (the seed is
 * in every assertion message). Afterwards the server must still serve a normal query, every connection thread must
 * end, the heap must be back near its baseline and, once the server closes, none of its threads may be left.
 */
class WireFuzzTest {

    private static final long SEED = Long.getLong("borealis.fuzz.seed", 20_261_202L);
    private static final long MIB = 1024 * 1024;
    /** The flood's size; it needs two descriptors per connection (client and server side, same JVM). */
    private static final int FLOOD = 2000;

    private interface Fuzz {
        void run(ClusterServer server, Random random) throws Exception;
    }

    private static void fuzz(Engine engine, String what, Fuzz fuzz) throws Exception {
        fuzz(engine, what, Duration.ofSeconds(2), fuzz);
    }

    private static void fuzz(Engine engine, String what, Duration handshakeTimeout, Fuzz fuzz) throws Exception {
        String name = uniqueName("fz");
        WireLimits limits = WireLimits.defaults(engine).withMaxConnections(FLOOD + 100)
                .withHandshakeTimeout(handshakeTimeout);
        try (Cluster cluster = WireClients.cluster(engine, name)) {
            try (ClusterServer server = WireClients.serve(cluster, limits)) {
                assertThat(normalQuery(server)).isEqualTo(1);
                long baseline = WireClients.usedHeapAfterGc();
                fuzz.run(server, new Random(SEED));
                String run = engine + " " + what + " (seed " + SEED + ")";
                assertThat(normalQuery(server)).as(run + ": a normal query afterwards").isEqualTo(1);
                await(run + ": every connection thread ends", Duration.ofSeconds(20),
                        () -> connectionThreads(cluster) == 0);
                long after = WireClients.usedHeapAfterGc();
                assertThat(after - baseline).as(run + ": heap growth after the run (baseline " + baseline / MIB + " MiB)")
                        .isLessThan(32 * MIB);
            }
            awaitNoServerThreads(name);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void randomBlobs(Engine engine) throws Exception {
        fuzz(engine, "random blobs", (server, random) -> {
            for (int i = 0; i < 150; i++) {
                byte[] blob = new byte[1 + random.nextInt(i % 10 == 0 ? 70_000 : 600)];
                random.nextBytes(blob);
                exchange(server, blob);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void mutatedHandshakes(Engine engine) throws Exception {
        fuzz(engine, "mutated handshakes", (server, random) -> {
            byte[] valid = WireClients.validHello(engine);
            for (int i = 0; i < 300; i++) {
                exchange(server, mutate(valid, random));
            }
        });
    }

    /** Connections that declare random lengths (up to 2^32) and send a little or nothing, all held open at once. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void randomDeclaredLengths(Engine engine) throws Exception {
        fuzz(engine, "random declared lengths", (server, random) -> {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 100; i++) {
                    boolean authenticated = random.nextBoolean();
                    Socket s = authenticated ? WireClients.login(server) : WireClients.open(server);
                    held.add(s);
                    if (engine == Engine.MYSQL && !authenticated) {
                        WireClients.readMySqlPacket(s.getInputStream());
                    }
                    byte[] header = WireClients.hugeDeclaredLength(engine, authenticated);
                    int first = engine == Engine.POSTGRESQL && authenticated ? 1 : 0; // keep the message type
                    int end = engine == Engine.MYSQL ? 3 : header.length; // keep MySQL's sequence id
                    for (int b = first; b < end; b++) {
                        header[b] = (byte) random.nextInt(256);
                    }
                    s.getOutputStream().write(header);
                    byte[] some = new byte[random.nextInt(100)];
                    random.nextBytes(some);
                    s.getOutputStream().write(some);
                }
                assertThat(normalQuery(server)).isEqualTo(1);
            } finally {
                closeAll(held);
            }
        });
    }

    /** 200 connections that trickle random bytes, each at a random pace: all cut at the handshake deadline. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void slowLoris(Engine engine) throws Exception {
        fuzz(engine, "slow loris", Duration.ofMillis(1500), (server, random) -> {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 200; i++) {
                    held.add(WireClients.open(server));
                }
                await("every trickling connection is cut", Duration.ofSeconds(30), () -> {
                    for (Socket s : held) {
                        if (random.nextInt(3) == 0) {
                            try {
                                s.getOutputStream().write(random.nextInt(256));
                            } catch (IOException e) {
                                // cut: what we wait for
                            }
                        }
                    }
                    return connectionThreads(server.cluster()) == 0;
                });
            } finally {
                closeAll(held);
            }
        });
    }

    /**
     * 2,000 connections at once, held open before authentication: the server keeps serving and lets them all go.
     * Assumes a descriptor limit of at least 2 * 2,000 + a few hundred ({@code ulimit -n}; 20000 in CI); with less
     * it floods as many as the limit leaves room for, and says so.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void twoThousandConnections(Engine engine) throws Exception {
        int flood = floodSize();
        // the handshake timeout must outlast opening them all, else the first are cut before the last arrive
        fuzz(engine, flood + "-connection flood", Duration.ofSeconds(60), (server, random) -> {
            List<Socket> held = new ArrayList<>();
            try {
                long start = System.nanoTime();
                openInParallel(server, flood, held);
                long opened = System.nanoTime();
                await("a thread per flooding connection", Duration.ofSeconds(30),
                        () -> connectionThreads(server.cluster()) >= flood);
                long threads = System.nanoTime();
                assertThat(normalQuery(server)).as("a normal client during the flood").isEqualTo(1);
                System.out.printf("%s flood: %d connections opened in %d ms, all served by a thread after %d ms,"
                        + " a normal query after %d ms%n", engine, flood, (opened - start) / 1_000_000,
                        (threads - start) / 1_000_000, (System.nanoTime() - start) / 1_000_000);
            } finally {
                closeAll(held);
            }
        });
    }

    /** Opens {@code n} connections from 8 owned threads (a connect costs milliseconds here; in series 2,000 take 15 s). */
    private static void openInParallel(ClusterServer server, int n, List<Socket> into) throws Exception {
        AtomicInteger ids = new AtomicInteger();
        ExecutorService openers = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "fuzz-opener-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Socket>> sockets = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                sockets.add(openers.submit(() -> WireClients.open(server)));
            }
            for (Future<Socket> f : sockets) {
                into.add(f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            openers.shutdownNow();
            assertThat(openers.awaitTermination(10, TimeUnit.SECONDS)).as("opener threads stop").isTrue();
        }
    }

    private static int floodSize() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            long room = (os.getMaxFileDescriptorCount() - os.getOpenFileDescriptorCount() - 300) / 2;
            if (room < FLOOD) {
                System.out.println("WireFuzzTest: descriptor limit " + os.getMaxFileDescriptorCount() + " leaves room for "
                        + room + " connections, not " + FLOOD + "; raise ulimit -n for the full flood");
                return (int) Math.max(100, room);
            }
        }
        return FLOOD;
    }

    /** Sends {@code bytes} as the client's first words, half-closes, reads whatever the server answers until it closes. */
    private static void exchange(ClusterServer server, byte[] bytes) throws IOException {
        try (Socket s = WireClients.open(server)) {
            s.setSoTimeout(5_000);
            try {
                s.getOutputStream().write(bytes);
                s.shutdownOutput();
                drain(s.getInputStream());
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server neither answered nor closed within 5 s after "
                        + bytes.length + " bytes (seed " + SEED + ")", e);
            } catch (IOException e) {
                // reset by the server: an acceptable answer to garbage
            }
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        while (in.read(buffer) >= 0) {
            // the server's answer: an error packet, a greeting, an auth request; nothing to check but that it ends
        }
    }

    /** A valid first message with bytes flipped, cut short, extended with noise, or several of these. */
    static byte[] mutate(byte[] valid, Random random) {
        byte[] b = valid.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            switch (random.nextInt(4)) {
                case 0 -> b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                case 2 -> b = Arrays.copyOf(b, Math.max(1, random.nextInt(b.length)));
                default -> {
                    byte[] longer = Arrays.copyOf(b, b.length + 1 + random.nextInt(200));
                    for (int i = b.length; i < longer.length; i++) {
                        longer[i] = (byte) random.nextInt(256);
                    }
                    b = longer;
                }
            }
        }
        return b;
    }
}

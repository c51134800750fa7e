package dev.borealis.cluster.server;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import dev.borealis.cluster.wire.WireLimits;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.borealis.cluster.server.ServerFixture.await;
import static dev.borealis.cluster.server.ServerFixture.uniqueName;
import static dev.borealis.cluster.server.WireClients.closeAll;
import static dev.borealis.cluster.server.WireClients.connectionThreads;
import static dev.borealis.cluster.server.WireClients.normalQuery;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an idle, authenticated connection costs the server: one thread (the frontends serve a connection per
 * thread) and its heap (session, buffers, H2 session), measured as used heap after GC with N idle connections
 * open minus before, divided by N. The raw clients' own sockets are in the same heap and counted too (a few
 * hundred bytes each), so the figure is an upper bound. Target: at most 256 KiB per connection.
 */
class ConnectionCostTest {

    private static final int CONNECTIONS = 300;

    /** The process's resident set (Linux), for the native cost of a thread; 0 where /proc is missing. */
    private static long residentBytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: the figure is reported as 0
        }
        return 0;
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anIdleConnectionCostsOneThreadAndAtMost256KibOfHeap(Engine engine) throws Exception {
        try (Cluster cluster = WireClients.cluster(engine, uniqueName("cost"));
             ClusterServer server = WireClients.serve(cluster, WireLimits.defaults(engine))) {
            assertThat(normalQuery(server)).isEqualTo(1);
            await("warm-up connection ended", Duration.ofSeconds(10), () -> connectionThreads(cluster) == 0);
            long heapBefore = WireClients.usedHeapAfterGc();
            long rssBefore = residentBytes();
            int threadsBefore = Thread.activeCount();
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    idle.add(WireClients.login(server));
                }
                long perConnection = (WireClients.usedHeapAfterGc() - heapBefore) / CONNECTIONS;
                long rssPer = (residentBytes() - rssBefore) / CONNECTIONS;
                double threadsPer = (Thread.activeCount() - threadsBefore) / (double) CONNECTIONS;
                System.out.printf("%s: an idle authenticated connection costs %.2f threads, %d bytes of heap and"
                        + " %d bytes of resident memory (%d connections; RSS includes the clients' side)%n", engine,
                        threadsPer, perConnection, rssPer, CONNECTIONS);
                assertThat(connectionThreads(cluster)).isEqualTo(CONNECTIONS);
                assertThat(perConnection).as("heap per idle connection").isLessThanOrEqualTo(256 * 1024);
                assertThat(normalQuery(server)).isEqualTo(1);
            } finally {
                closeAll(idle);
            }
            await("the idle connections' threads end", Duration.ofSeconds(20), () -> connectionThreads(cluster) == 0);
        }
    }
}

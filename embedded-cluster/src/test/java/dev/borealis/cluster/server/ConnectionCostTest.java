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

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anIdleConnectionCostsOneThreadAndAtMost256KibOfHeap(Engine engine) throws Exception {
        try (Cluster cluster = WireClients.cluster(engine, uniqueName("cost"));
             ClusterServer server = WireClients.serve(cluster, WireLimits.defaults(engine))) {
            assertThat(normalQuery(server)).isEqualTo(1);
            await("warm-up connection ended", Duration.ofSeconds(10), () -> connectionThreads(cluster) == 0);
            long heapBefore = WireClients.usedHeapAfterGc();
            int threadsBefore = Thread.activeCount();
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    idle.add(WireClients.login(server));
                }
                long perConnection = (WireClients.usedHeapAfterGc() - heapBefore) / CONNECTIONS;
                double threadsPer = (Thread.activeCount() - threadsBefore) / (double) CONNECTIONS;
                System.out.printf("%s: an idle authenticated connection costs %.2f threads and %d bytes of heap"
                        + " (%d connections)%n", engine, threadsPer, perConnection, CONNECTIONS);
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

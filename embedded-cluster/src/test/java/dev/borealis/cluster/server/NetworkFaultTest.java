package dev.borealis.cluster.server;

import dev.borealis.cluster.Cluster;
import org.junit.jupiter.api.Test;

import java.net.SocketTimeoutException;
import java.time.Duration;

import static dev.borealis.cluster.server.ServerFixture.await;
import static dev.borealis.cluster.server.ServerFixture.cluster;
import static dev.borealis.cluster.server.ServerFixture.options;
import static dev.borealis.cluster.server.ServerFixture.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetworkFaultTest {

    @Test
    void blackholeStallsAnOpenSessionSilentlyUntilTrafficFlowsAgain() throws Exception {
        try (Cluster cluster = cluster(uniqueName("bh"), 0); ClusterServer server = ClusterServer.start(cluster, options())) {
            String writer = cluster.writer().id();
            try (LineClient client = LineClient.connect(server.instanceEndpoint(writer))) {
                client.readLine();
                server.inject(writer, NetworkFault.BLACKHOLE);
                client.send("ping");
                client.timeout(300);
                assertThatThrownBy(client::readLine).isInstanceOf(SocketTimeoutException.class);
                assertThat(client.socket.isClosed()).isFalse();
                server.inject(writer, NetworkFault.NORMAL);
                client.timeout(10_000);
                assertThat(client.readLine()).isEqualTo(writer + ": ping");
            }
        }
    }

    /**
     * An instance that crashes (or is demoted) while blackholed must not tell its clients: a FIN would let them
     * fail over at once, hiding whether their failure detection works. They hear an RST once the partition heals.
     */
    @Test
    void anInstanceCrashingBehindABlackholeSendsNoFinUntilThePartitionHeals() throws Exception {
        try (Cluster cluster = cluster(uniqueName("bhc"), 1); ClusterServer server = ClusterServer.start(cluster, options())) {
            String writer = cluster.writer().id();
            try (LineClient client = LineClient.connect(server.instanceEndpoint(writer))) {
                client.readLine();
                await("registered", Duration.ofSeconds(5), () -> server.connectionCount(writer) == 1);
                server.inject(writer, NetworkFault.BLACKHOLE);
                cluster.crash(writer);
                await("the server dropped the connection", Duration.ofSeconds(5), () -> server.connectionCount(writer) == 0);
                client.timeout(300);
                assertThatThrownBy(client::readLine).isInstanceOf(SocketTimeoutException.class);
                server.inject(writer, NetworkFault.NORMAL);
                client.timeout(5_000);
                assertThat(ClusterServerTest.readOrClosed(client)).isNull();
            }
        }
    }

    @Test
    void blackholedInstanceSendsNothingToNewConnections() throws Exception {
        try (Cluster cluster = cluster(uniqueName("bhn"), 0); ClusterServer server = ClusterServer.start(cluster, options())) {
            String writer = cluster.writer().id();
            server.inject(writer, NetworkFault.BLACKHOLE);
            assertThat(server.networkFault(writer).mode()).isEqualTo("blackhole");
            try (LineClient client = LineClient.connect(server.instanceEndpoint(writer))) {
                client.timeout(300);
                assertThatThrownBy(client::readLine).isInstanceOf(SocketTimeoutException.class);
                client.close();
                server.inject(writer, NetworkFault.NORMAL);
            }
            try (LineClient client = LineClient.connect(server.instanceEndpoint(writer))) {
                assertThat(client.readLine()).startsWith("hello " + writer);
            }
        }
    }

    @Test
    void resetDropsEveryOpenSocketOfTheInstance() throws Exception {
        try (Cluster cluster = cluster(uniqueName("rst"), 1); ClusterServer server = ClusterServer.start(cluster, options())) {
            String writer = cluster.writer().id();
            String reader = cluster.topology().readers().get(0).id();
            try (LineClient a = LineClient.connect(server.instanceEndpoint(writer));
                 LineClient other = LineClient.connect(server.instanceEndpoint(reader))) {
                a.readLine();
                other.readLine();
                await("registered", Duration.ofSeconds(5), () -> server.connectionCount(writer) == 1);
                server.inject(writer, NetworkFault.RESET);
                a.timeout(5_000);
                assertThat(ClusterServerTest.readOrClosed(a)).isNull();
                assertThat(other.roundTrip("still")).isEqualTo(reader + ": still");
                assertThat(server.networkFault(writer)).isEqualTo(NetworkFault.NORMAL);
            }
            try (LineClient again = LineClient.connect(server.instanceEndpoint(writer))) {
                assertThat(again.readLine()).startsWith("hello " + writer);
            }
        }
    }

    @Test
    void latencyDelaysEveryReply() throws Exception {
        try (Cluster cluster = cluster(uniqueName("lat"), 0); ClusterServer server = ClusterServer.start(cluster, options())) {
            String writer = cluster.writer().id();
            try (LineClient client = LineClient.connect(server.instanceEndpoint(writer))) {
                client.readLine();
                server.inject(writer, new NetworkFault.Latency(Duration.ofMillis(200)));
                long start = System.nanoTime();
                assertThat(client.roundTrip("slow")).isEqualTo(writer + ": slow");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            }
        }
    }

    @Test
    void latencyOutsideItsRangeIsRefusedWithTheNumbers() {
        assertThatThrownBy(() -> new NetworkFault.Latency(Duration.ofMillis(0)))
                .hasMessageContaining("latency: 0 ms is out of range 1..60000 ms");
        assertThatThrownBy(() -> NetworkFault.parse("sideways", null)).hasMessageContaining("'sideways'");
    }
}

package dev.borealis.cluster.server;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.CustomEndpoint;
import dev.borealis.cluster.CustomEndpointType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.borealis.cluster.server.ServerFixture.await;
import static dev.borealis.cluster.server.ServerFixture.cluster;
import static dev.borealis.cluster.server.ServerFixture.options;
import static dev.borealis.cluster.server.ServerFixture.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

class CustomEndpointDnsTest {

    @Test
    void customNameResolvesRoundRobinOverItsMembersOnly() throws Exception {
        try (Cluster cluster = cluster(uniqueName("cdns"), 3);
             ClusterServer server = ClusterServer.start(cluster, options().withReaderRotation(Duration.ofMillis(20)))) {
            List<String> readers = cluster.topology().readers().stream().map(r -> r.id()).toList();
            cluster.createCustomEndpoint(CustomEndpoint.ofMembers("pair", CustomEndpointType.ANY, readers.get(0), readers.get(1)));
            String host = server.names().customHost("pair");
            assertThat(host).isEqualTo("pair.cluster-custom-" + server.names().dnsId() + ".us-east-1.rds.amazonaws.com");
            Set<String> memberIps = Set.of(server.instanceEndpoint(readers.get(0)).ip(), server.instanceEndpoint(readers.get(1)).ip());
            Set<String> seen = new HashSet<>();
            await("the custom name rotated over both members", Duration.ofSeconds(10), () -> {
                String ip = server.customEndpoint("pair").orElseThrow().ip();
                assertThat(memberIps).contains(ip);
                seen.add(ip);
                return seen.size() == 2;
            });
            await("the hosts file maps the custom name", Duration.ofSeconds(5), () -> hostsLines(server).stream()
                    .anyMatch(l -> l.endsWith(" " + host) && memberIps.contains(l.substring(0, l.indexOf(' ')))));
            assertThat(server.endpoints().custom()).containsKey("pair");
        }
    }

    @Test
    void membershipChangeReachesDnsOnlyAfterTheDnsDelay() throws Exception {
        Duration delay = Duration.ofMillis(600);
        try (Cluster cluster = cluster(uniqueName("cdly"), 2);
             ClusterServer server = ClusterServer.start(cluster, options().withDnsDelay(delay))) {
            List<String> readers = cluster.topology().readers().stream().map(r -> r.id()).toList();
            cluster.createCustomEndpoint(CustomEndpoint.ofMembers("ep", CustomEndpointType.READER, readers.get(0)));
            assertThat(server.customEndpointTargets("ep")).containsExactly(readers.get(0));
            long start = System.nanoTime();
            cluster.modifyCustomEndpoint(CustomEndpoint.ofMembers("ep", CustomEndpointType.READER, readers.get(1)));
            assertThat(server.customEndpointTargets("ep")).containsExactly(readers.get(0));
            await("DNS moved to the new member", Duration.ofSeconds(10),
                    () -> server.customEndpointTargets("ep").equals(List.of(readers.get(1))));
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(delay.toNanos());
        }
    }

    @Test
    void readerEndpointStopsNamingAMemberPromotedToWriterAfterTheDnsDelay() throws Exception {
        try (Cluster cluster = cluster(uniqueName("cfo"), 2); ClusterServer server = ClusterServer.start(cluster, options())) {
            List<String> readers = cluster.topology().readers().stream().map(r -> r.id()).toList();
            cluster.createCustomEndpoint(CustomEndpoint.ofMembers("ro", CustomEndpointType.READER, readers.get(0), readers.get(1)));
            cluster.failover(readers.get(0));
            await("DNS leaves the promoted member out", Duration.ofSeconds(10),
                    () -> server.customEndpointTargets("ro").equals(List.of(readers.get(1))));
            assertThat(cluster.customEndpoint("ro").orElseThrow().staticMembers()).contains(readers.get(0));
        }
    }

    @Test
    void deletedOrEmptyEndpointDoesNotResolve() throws Exception {
        try (Cluster cluster = cluster(uniqueName("cdel"), 1); ClusterServer server = ClusterServer.start(cluster, options())) {
            String reader = cluster.topology().readers().get(0).id();
            cluster.createCustomEndpoint(CustomEndpoint.ofMembers("gone", CustomEndpointType.ANY, reader));
            assertThat(server.customEndpoint("gone")).isPresent();
            cluster.removeReader(reader);
            assertThat(server.customEndpoint("gone")).isEmpty();
            cluster.deleteCustomEndpoint("gone");
            assertThat(hostsLines(server)).noneMatch(l -> l.contains(".cluster-custom-"));
        }
    }

    @Test
    void portPerInstanceLayoutDispatchesTheCustomNameToAMember() throws Exception {
        try (Cluster cluster = cluster(uniqueName("cppi"), 2);
             ClusterServer server = ClusterServer.start(cluster, options().withPortPerInstance(true))) {
            String reader = cluster.topology().readers().get(1).id();
            cluster.createCustomEndpoint(CustomEndpoint.ofMembers("solo", CustomEndpointType.READER, reader));
            Endpoint endpoint = server.customEndpoint("solo").orElseThrow();
            assertThat(endpoint.port()).isNotIn(server.endpoints().instances().values().stream().map(Endpoint::port).toList());
            try (LineClient client = LineClient.connect(endpoint.ip(), endpoint.port())) {
                assertThat(client.readLine()).contains(reader);
            }
            cluster.deleteCustomEndpoint("solo");
            assertThat(server.customEndpoint("solo")).isEmpty();
        }
    }

    private static List<String> hostsLines(ClusterServer server) {
        try {
            return Files.readAllLines(server.hostsFile());
        } catch (IOException e) {
            return List.of();
        }
    }
}

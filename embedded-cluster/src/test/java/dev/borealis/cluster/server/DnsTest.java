package dev.borealis.cluster.server;

import dev.borealis.cluster.Cluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static dev.borealis.cluster.server.ServerFixture.await;
import static dev.borealis.cluster.server.ServerFixture.cluster;
import static dev.borealis.cluster.server.ServerFixture.options;
import static dev.borealis.cluster.server.ServerFixture.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

class DnsTest {

    @Test
    void hostsFileMapsEveryAuroraShapedNameToItsAddress() throws Exception {
        try (Cluster cluster = cluster(uniqueName("dns"), 1); ClusterServer server = ClusterServer.start(cluster, options())) {
            ClusterEndpoints endpoints = server.endpoints();
            String writer = cluster.writer().id();
            String reader = cluster.topology().readers().get(0).id();
            String dnsId = server.names().dnsId();
            assertThat(dnsId).matches("[a-z0-9]{12}");
            assertThat(endpoints.cluster().host()).isEqualTo(cluster.name() + ".cluster-" + dnsId + ".us-east-1.rds.amazonaws.com");
            assertThat(endpoints.reader().host()).isEqualTo(cluster.name() + ".cluster-ro-" + dnsId + ".us-east-1.rds.amazonaws.com");
            List<String> lines = Files.readAllLines(server.hostsFile());
            assertThat(lines).contains(
                    endpoints.instances().get(writer).ip() + " " + endpoints.cluster().host(),
                    endpoints.instances().get(reader).ip() + " " + endpoints.reader().host(),
                    endpoints.instances().get(writer).ip() + " " + endpoints.instances().get(writer).host(),
                    endpoints.instances().get(reader).ip() + " " + endpoints.instances().get(reader).host());
            assertThat(lines).contains("127.0.0.1 localhost");
            assertThat(server.instanceUrl(reader, "db")).isEqualTo("jdbc:mysql://" + endpoints.instances().get(reader).host()
                    + ":" + endpoints.instances().get(reader).port() + "/db");
            assertThat(new Endpoint("h", "127.9.9.9", 5432).jdbcUrlByIp(dev.borealis.cluster.Engine.POSTGRESQL, "app"))
                    .isEqualTo("jdbc:postgresql://127.9.9.9:5432/app");
            assertThat(server.clusterUrl("db")).isEqualTo("jdbc:mysql://" + endpoints.cluster().host() + ":"
                    + endpoints.cluster().port() + "/db");
        }
    }

    @Test
    void clusterEndpointFollowsTheNewWriterOnlyAfterTheDnsDelay() throws Exception {
        Duration delay = Duration.ofMillis(800);
        try (Cluster cluster = cluster(uniqueName("stale"), 1);
             ClusterServer server = ClusterServer.start(cluster, options().withDnsDelay(delay))) {
            String oldWriterIp = server.clusterEndpoint().ip();
            long start = System.nanoTime();
            String newWriter = cluster.failover();
            String newWriterIp = server.instanceEndpoint(newWriter).ip();
            assertThat(newWriterIp).isNotEqualTo(oldWriterIp);
            await("the cluster endpoint names the new writer", Duration.ofSeconds(10),
                    () -> server.clusterEndpoint().ip().equals(newWriterIp));
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(delay.toNanos());
            await("the hosts file names the new writer", Duration.ofSeconds(5), () ->
                    hostsLines(server).contains(newWriterIp + " " + server.names().clusterHost()));
        }
    }

    @Test
    void readerEndpointNamesAReaderOrTheWriterWhenThereIsNone() throws Exception {
        try (Cluster cluster = cluster(uniqueName("ro"), 1); ClusterServer server = ClusterServer.start(cluster, options())) {
            String reader = cluster.topology().readers().get(0).id();
            assertThat(server.readerEndpoint().ip()).isEqualTo(server.instanceEndpoint(reader).ip());
            cluster.removeReader(reader);
            assertThat(server.readerEndpoint().ip()).isEqualTo(server.instanceEndpoint(cluster.writer().id()).ip());
            assertThat(hostsLines(server)).contains(server.readerEndpoint().ip() + " " + server.names().readerHost());
        }
    }

    @Test
    void readerEndpointRotatesAmongTheReaders() throws Exception {
        try (Cluster cluster = cluster(uniqueName("rot"), 2);
             ClusterServer server = ClusterServer.start(cluster, options().withReaderRotation(Duration.ofMillis(50)))) {
            Set<String> readerIps = new HashSet<>();
            cluster.topology().readers().forEach(r -> readerIps.add(server.instanceEndpoint(r.id()).ip()));
            Set<String> seen = new HashSet<>();
            await("the reader endpoint visited both readers", Duration.ofSeconds(10), () -> {
                seen.add(server.readerEndpoint().ip());
                return seen.containsAll(readerIps);
            });
            assertThat(seen).isEqualTo(readerIps);
        }
    }

    @Test
    void clustersSharingAHostsFileKeepTheirOwnSections(@TempDir Path dir) throws Exception {
        Path hosts = dir.resolve("hosts");
        try (Cluster a = cluster(uniqueName("sha"), 0); Cluster b = cluster(uniqueName("shb"), 0)) {
            ClusterServer sa = ClusterServer.start(a, options().withHostsFile(hosts));
            try (ClusterServer sb = ClusterServer.start(b, options().withHostsFile(hosts))) {
                String content = Files.readString(hosts);
                assertThat(content).contains(sa.names().clusterHost(), sb.names().clusterHost());
                sa.close();
                content = Files.readString(hosts);
                assertThat(content).doesNotContain(sa.names().clusterHost()).contains(sb.names().clusterHost());
            }
            assertThat(Files.readString(hosts)).doesNotContain("# borealis begin").doesNotContain(a.name());
        }
    }

    /** Only a JVM started with {@code -Djdk.net.hosts.file} resolves through the file, so ask a child JVM. */
    @Test
    void aJvmStartedWithTheHostsFileResolvesTheClusterNames() throws Exception {
        try (Cluster cluster = cluster(uniqueName("jvm"), 1); ClusterServer server = ClusterServer.start(cluster, options())) {
            ClusterEndpoints endpoints = server.endpoints();
            String reader = cluster.topology().readers().get(0).id();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-Djdk.net.hosts.file=" + server.hostsFile(),
                    "-cp", System.getProperty("java.class.path"), ResolveMain.class.getName(),
                    endpoints.cluster().host(), endpoints.instances().get(reader).host())
                    .redirectErrorStream(true).start();
            try {
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(process.exitValue()).as(output).isZero();
                assertThat(output.lines()).containsExactly(
                        endpoints.cluster().host() + " " + endpoints.cluster().ip(),
                        endpoints.instances().get(reader).host() + " " + endpoints.instances().get(reader).ip());
            } finally {
                process.destroyForcibly();
            }
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

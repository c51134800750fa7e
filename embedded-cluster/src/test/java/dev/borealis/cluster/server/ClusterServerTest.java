package dev.borealis.cluster.server;

import dev.borealis.cluster.Cluster;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.borealis.cluster.server.ServerFixture.await;
import static dev.borealis.cluster.server.ServerFixture.awaitNoServerThreads;
import static dev.borealis.cluster.server.ServerFixture.awaitNoThreads;
import static dev.borealis.cluster.server.ServerFixture.cluster;
import static dev.borealis.cluster.server.ServerFixture.options;
import static dev.borealis.cluster.server.ServerFixture.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterServerTest {

    @Test
    void everyInstanceAnswersOnItsOwnLoopbackAddressAndTheSharedPort() throws Exception {
        String name = uniqueName("ep");
        try (Cluster cluster = cluster(name, 2); ClusterServer server = ClusterServer.start(cluster, options())) {
            Map<String, Endpoint> instances = server.endpoints().instances();
            assertThat(server.distinctAddresses()).isTrue();
            assertThat(instances).hasSize(3);
            assertThat(instances.values().stream().map(Endpoint::port).distinct()).hasSize(1);
            assertThat(instances.values().stream().map(Endpoint::ip).distinct()).hasSize(3)
                    .allMatch(ip -> ip.matches("127\\.\\d+\\.\\d+\\.\\d+") && !ip.equals("127.0.0.1"));
            for (Map.Entry<String, Endpoint> e : instances.entrySet()) {
                try (LineClient client = LineClient.connect(e.getValue())) {
                    assertThat(client.readLine()).startsWith("hello " + e.getKey() + " ");
                    assertThat(client.roundTrip("ping")).isEqualTo(e.getKey() + ": ping");
                }
            }
            assertThat(server.endpoints().instances().get(cluster.writer().id()).host())
                    .isEqualTo(cluster.writer().id() + "." + server.names().dnsId() + ".us-east-1.rds.amazonaws.com");
        }
        awaitNoThreads(name);
    }

    @Test
    void twoClustersInOneJvmGetDifferentAddressBlocks() throws Exception {
        try (Cluster a = cluster(uniqueName("blka"), 0); Cluster b = cluster(uniqueName("blkb"), 0);
             ClusterServer sa = ClusterServer.start(a, options()); ClusterServer sb = ClusterServer.start(b, options())) {
            String ipA = sa.clusterEndpoint().ip();
            String ipB = sb.clusterEndpoint().ip();
            assertThat(ipA.substring(0, ipA.lastIndexOf('.'))).isNotEqualTo(ipB.substring(0, ipB.lastIndexOf('.')));
        }
    }

    @Test
    void fallbackModeServesEveryInstanceOn127001WithAPortEach() throws Exception {
        String name = uniqueName("fb");
        try (Cluster cluster = cluster(name, 2);
             ClusterServer server = ClusterServer.start(cluster, options().withPortPerInstance(true))) {
            ClusterEndpoints endpoints = server.endpoints();
            assertThat(server.distinctAddresses()).isFalse();
            assertThat(endpoints.instances().values()).allMatch(e -> e.ip().equals("127.0.0.1"));
            assertThat(endpoints.instances().values().stream().map(Endpoint::port).distinct()).hasSize(3);
            for (Map.Entry<String, Endpoint> e : endpoints.instances().entrySet()) {
                try (LineClient client = LineClient.connect(e.getValue())) {
                    assertThat(client.readLine()).startsWith("hello " + e.getKey() + " ");
                }
            }
            try (LineClient writer = LineClient.connect(endpoints.cluster());
                 LineClient reader = LineClient.connect(endpoints.reader())) {
                assertThat(writer.readLine()).startsWith("hello " + cluster.writer().id() + " ");
                String readerGreeting = reader.readLine();
                assertThat(cluster.topology().readers().stream().map(r -> "hello " + r.id() + " "))
                        .anyMatch(readerGreeting::startsWith);
            }
        }
        awaitNoThreads(name);
    }

    @Test
    void readerAddedAtRuntimeGetsAListenerAndARemovedOneLosesIt() throws Exception {
        String name = uniqueName("add");
        try (Cluster cluster = cluster(name, 0); ClusterServer server = ClusterServer.start(cluster, options())) {
            cluster.addReader(name + "-late", 2);
            Endpoint late = server.instanceEndpoint(name + "-late");
            assertThat(late.port()).isEqualTo(server.clusterEndpoint().port());
            try (LineClient client = LineClient.connect(late)) {
                assertThat(client.readLine()).startsWith("hello " + name + "-late ");
            }
            cluster.removeReader(name + "-late");
            assertThat(server.endpoints().instances()).doesNotContainKey(name + "-late");
            assertThatThrownBy(() -> LineClient.connect(late)).isInstanceOf(ConnectException.class);
        }
        awaitNoThreads(name);
    }

    @Test
    void crashingAnInstanceClosesItsClientSockets() throws Exception {
        String name = uniqueName("crash");
        try (Cluster cluster = cluster(name, 1); ClusterServer server = ClusterServer.start(cluster, options())) {
            String reader = cluster.topology().readers().get(0).id();
            try (LineClient client = LineClient.connect(server.instanceEndpoint(reader))) {
                assertThat(client.readLine()).startsWith("hello");
                await("the connection is registered", Duration.ofSeconds(5), () -> server.connectionCount(reader) == 1);
                cluster.crash(reader);
                client.timeout(5_000);
                assertThat(readOrClosed(client)).isNull();
                assertThat(server.connectionCount(reader)).isZero();
            }
        }
    }

    @Test
    void aFailingProtocolClosesOnlyItsOwnConnection() throws Exception {
        String name = uniqueName("boom");
        dev.borealis.cluster.wire.WireProtocol failing = new dev.borealis.cluster.wire.WireProtocol() {
            private final EchoProtocol echo = new EchoProtocol(dev.borealis.cluster.Engine.MYSQL);

            @Override
            public dev.borealis.cluster.Engine engine() {
                return dev.borealis.cluster.Engine.MYSQL;
            }

            @Override
            public void serve(dev.borealis.cluster.wire.ClientConnection connection) throws IOException {
                if (connection.connectionId() == 1) {
                    throw new IllegalStateException("frontend bug");
                }
                echo.serve(connection);
            }
        };
        try (Cluster cluster = cluster(name, 0);
             ClusterServer server = ClusterServer.start(cluster, options().withProtocol(failing))) {
            try (LineClient broken = LineClient.connect(server.clusterEndpoint())) {
                assertThat(readOrClosed(broken)).isNull();
            }
            try (LineClient fine = LineClient.connect(server.clusterEndpoint())) {
                assertThat(fine.readLine()).startsWith("hello " + cluster.writer().id() + " 2");
            }
        }
        awaitNoThreads(name);
    }

    @Test
    void connectionIdsAreUniqueAcrossInstances() throws Exception {
        try (Cluster cluster = cluster(uniqueName("ids"), 1); ClusterServer server = ClusterServer.start(cluster, options())) {
            List<String> ids = new java.util.ArrayList<>();
            for (Endpoint e : List.copyOf(server.endpoints().instances().values())) {
                for (int i = 0; i < 2; i++) {
                    try (LineClient client = LineClient.connect(e)) {
                        String greeting = client.readLine();
                        ids.add(greeting.substring(greeting.lastIndexOf(' ') + 1));
                    }
                }
            }
            assertThat(ids).doesNotHaveDuplicates().hasSize(4);
        }
    }

    @Test
    void startTlsUpgradesWithACertificateNamingTheClusterHosts() throws Exception {
        try (Cluster cluster = cluster(uniqueName("tls"), 0); ClusterServer server = ClusterServer.start(cluster, options())) {
            Endpoint endpoint = server.clusterEndpoint();
            try (LineClient client = LineClient.connect(endpoint)) {
                client.readLine();
                assertThat(client.roundTrip("tls")).isEqualTo("ok");
                SSLContext trustAll = SSLContext.getInstance("TLS");
                trustAll.init(null, new TrustManager[] {new TrustAll()}, null);
                SSLSocket ssl = (SSLSocket) trustAll.getSocketFactory().createSocket(client.socket, endpoint.host(),
                        endpoint.port(), true);
                ssl.startHandshake();
                client.streams(ssl);
                assertThat(client.readLine()).isEqualTo("tls " + cluster.writer().id());
                assertThat(client.roundTrip("secret")).isEqualTo(cluster.writer().id() + ": secret");
                X509Certificate cert = (X509Certificate) ssl.getSession().getPeerCertificates()[0];
                List<String> sans = cert.getSubjectAlternativeNames().stream().map(l -> l.get(1).toString())
                        .collect(Collectors.toList());
                assertThat(sans).contains(server.names().clusterHost(), server.names().readerHost(), "127.0.0.1",
                        "*." + server.names().dnsId() + "." + server.names().domain());
                assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=" + server.names().clusterHost());
                cert.verify(cert.getPublicKey());
            }
        }
    }

    @Test
    void aSuppliedPkcs12KeyStoreIsTheServerIdentity(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        java.security.KeyPair keys = generator.generateKeyPair();
        X509Certificate mine = ServerCertificate.create(keys, "supplied.example", List.of("supplied.example"));
        char[] password = "store-pass".toCharArray();
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", keys.getPrivate(), password, new java.security.cert.Certificate[] {mine});
        java.nio.file.Path file = dir.resolve("server.p12");
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(file)) {
            store.store(out, password);
        }
        try (Cluster cluster = cluster(uniqueName("p12"), 0);
             ClusterServer server = ClusterServer.start(cluster, options().withKeyStore(file, password))) {
            Endpoint endpoint = server.clusterEndpoint();
            try (LineClient client = LineClient.connect(endpoint)) {
                client.readLine();
                assertThat(client.roundTrip("tls")).isEqualTo("ok");
                SSLContext trustAll = SSLContext.getInstance("TLS");
                trustAll.init(null, new TrustManager[] {new TrustAll()}, null);
                SSLSocket ssl = (SSLSocket) trustAll.getSocketFactory().createSocket(client.socket, endpoint.host(),
                        endpoint.port(), true);
                ssl.startHandshake();
                assertThat(ssl.getSession().getPeerCertificates()[0]).isEqualTo(mine);
            }
        }
        assertThat(ServerOptions.defaults().withKeyStore(file, password).toString()).doesNotContain("store-pass");
    }

    @Test
    void closingTheServerLeavesNoThreadsAndClosesClients() throws Exception {
        String name = uniqueName("leak");
        try (Cluster cluster = cluster(name, 2)) {
            ClusterServer server = ClusterServer.start(cluster, options());
            LineClient client = LineClient.connect(server.clusterEndpoint());
            assertThat(client.readLine()).startsWith("hello");
            server.close();
            assertThat(readOrClosed(client)).isNull();
            client.close();
            awaitNoServerThreads(name);
            assertThat(cluster.isClosed()).isFalse();
        }
    }

    /** The next line, or null when the socket was closed or reset. */
    static String readOrClosed(LineClient client) throws IOException {
        try {
            return client.readLine();
        } catch (SocketException e) {
            return null;
        }
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}

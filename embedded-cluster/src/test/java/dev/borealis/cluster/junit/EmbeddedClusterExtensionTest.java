package dev.borealis.cluster.junit;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import dev.borealis.cluster.server.ClusterServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One PostgreSQL cluster for the class: injection, URLs, in-process name resolution. */
@EmbeddedCluster(engine = Engine.POSTGRESQL, readers = 2)
class EmbeddedClusterExtensionTest {

    static ServedCluster shared;
    ServedCluster cluster;

    @BeforeAll
    static void staticFieldIsInjectedBeforeAll() {
        assertThat(shared).isNotNull();
    }

    @Test
    void fieldsAndParametersOfEveryTypeNameTheSameClassCluster(ServedCluster parameter, Cluster core, ClusterServer server) {
        assertThat(cluster).isSameAs(parameter).isSameAs(shared);
        assertThat(core).isSameAs(cluster.cluster());
        assertThat(server).isSameAs(cluster.server());
        assertThat(core.name()).startsWith("embeddedclusterextension");
        assertThat(cluster.readerIds()).hasSize(2);
    }

    @Test
    void clusterHostnamesResolveInThisJvm() throws Exception {
        assertThat(cluster.hostnamesResolve()).isTrue();
        for (String id : cluster.instanceIds()) {
            var endpoint = cluster.instanceEndpoint(id);
            assertThat(InetAddress.getByName(endpoint.host()).getHostAddress()).as(endpoint.host()).isEqualTo(endpoint.ip());
        }
        assertThat(cluster.jdbcUrl()).startsWith("jdbc:postgresql://" + cluster.names().clusterHost() + ":");
    }

    @Test
    void rawUrlsReachTheWriterAndAReader() throws SQLException {
        try (Connection writer = DriverManager.getConnection(cluster.jdbcUrl(), cluster.credentials());
             Connection reader = DriverManager.getConnection(cluster.readerJdbcUrl(), cluster.credentials())) {
            assertThat(Jdbc.instanceId(writer, cluster)).isEqualTo(cluster.writerId());
            assertThat(Jdbc.queryString(reader, "SELECT pg_is_in_recovery()")).isEqualTo("t");
        }
    }

    @Test
    void borealisUrlIsTheClusterEndpointUnderTheBorealisScheme() {
        var endpoint = cluster.clusterEndpoint();
        assertThat(cluster.borealisUrl())
                .isEqualTo("jdbc:borealis:postgresql://" + endpoint.host() + ":" + endpoint.port() + "/postgres");
        assertThat(cluster.jdbcUrlWithScheme("jdbc:aws-wrapper:")).startsWith("jdbc:aws-wrapper:postgresql://");
    }

    @Test
    @EmbeddedCluster(engine = Engine.POSTGRESQL, readers = 0)
    void aMethodAnnotationGetsItsOwnCluster(ServedCluster own) {
        assertThat(own).isNotSameAs(shared);
        assertThat(cluster).as("fields follow the method's cluster").isSameAs(own);
        assertThat(own.readerIds()).isEmpty();
    }

    @Nested
    class NestedTests {
        @Test
        void seeTheEnclosingClassCluster(ServedCluster parameter) {
            assertThat(parameter).isSameAs(shared);
        }
    }

    @Nested
    @EmbeddedCluster(engine = Engine.MYSQL, readers = 1, lifecycle = EmbeddedCluster.Lifecycle.PER_METHOD)
    class PerMethodMysql {
        ServedCluster mine;

        @Test
        void getsAFreshMysqlClusterReachableByConnectorJ() throws SQLException {
            assertThat(mine).isNotSameAs(shared);
            assertThat(mine.jdbcUrl()).startsWith("jdbc:mysql://" + mine.names().clusterHost());
            try (Connection c = DriverManager.getConnection(mine.jdbcUrl(), mine.credentials())) {
                assertThat(Jdbc.instanceId(c, mine)).isEqualTo(mine.writerId());
            }
        }

        @Test
        void aResetClosesOpenSessionsAndTheInstanceKeepsServing() throws SQLException {
            try (Connection c = DriverManager.getConnection(mine.jdbcUrl(), mine.credentials())) {
                mine.resetConnections(mine.writerId());
                assertThatThrownBy(() -> Jdbc.queryString(c, "SELECT 1"))
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("08"));
            }
            try (Connection again = DriverManager.getConnection(mine.jdbcUrl(), mine.credentials())) {
                assertThat(Jdbc.queryString(again, "SELECT 1")).isEqualTo("1");
            }
        }
    }

    @Test
    @EmbeddedCluster(engine = Engine.POSTGRESQL, readers = 1, dnsDelayMs = 1500, failoverDelayMs = 200)
    void clusterEndpointResolvesToTheOldWriterUntilTheDnsDelayThenToTheNewOne(ServedCluster own) throws Exception {
        String host = own.names().clusterHost();
        String oldIp = own.instanceEndpoint(own.writerId()).ip();
        String promoted = own.failover();
        String newIp = own.instanceEndpoint(promoted).ip();

        assertThat(InetAddress.getByName(host).getHostAddress()).as("stale right after failover").isEqualTo(oldIp);
        own.awaitClusterEndpointOnWriter(Duration.ofSeconds(10));
        assertThat(InetAddress.getByName(host).getHostAddress()).as("fresh after the DNS delay").isEqualTo(newIp);
    }

    @Test
    @EmbeddedCluster(engine = Engine.POSTGRESQL, readers = 1, portPerInstance = true, dnsDelayMs = 500)
    void thePortPerInstanceLayoutServesTheSameUrlsAndDnsFollowsTheWriter(ServedCluster own) throws SQLException {
        assertThat(own.server().distinctAddresses()).isFalse();
        String promoted = own.failover();
        own.awaitClusterEndpointOnWriter(Duration.ofSeconds(10));
        try (Connection c = DriverManager.getConnection(own.jdbcUrl(), own.credentials())) {
            assertThat(Jdbc.instanceId(c, own)).isEqualTo(promoted);
        }
    }

    @Nested
    @EmbeddedCluster(engine = Engine.POSTGRESQL, readers = 1, failoverDelayMs = 200, rebootDelayMs = 300,
            lifecycle = EmbeddedCluster.Lifecycle.PER_METHOD)
    class Faults {
        ServedCluster own;

        @Test
        void aCrashedWriterIsReplacedAndRejoinsAsAReader() {
            String crashed = own.crashWriter();
            assertThat(own.awaitWriter(Duration.ofSeconds(10))).isNotEqualTo(crashed);
            assertThat(own.cluster().awaitAvailable(crashed, Duration.ofSeconds(10))).isTrue();
            assertThat(own.readerIds()).containsExactly(crashed);
        }

        @Test
        void writesSurviveLosingOneAvailabilityZone() throws SQLException {
            own.failAz(3);
            try (Connection c = DriverManager.getConnection(own.jdbcUrl(), own.credentials())) {
                Jdbc.update(c, "CREATE TABLE t (id INT PRIMARY KEY)");
                assertThat(Jdbc.update(c, "INSERT INTO t VALUES (1)")).isEqualTo(1);
            } finally {
                own.recoverAz(3);
            }
        }

        @Test
        void aBlackholeStallsAnOpenSessionUntilTheClientGivesUp() throws SQLException {
            try (Connection c = DriverManager.getConnection(own.jdbcUrl() + "?socketTimeout=1", own.credentials())) {
                own.blackhole(own.writerId());
                assertThatThrownBy(() -> Jdbc.queryString(c, "SELECT 1"))
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("08"));
            }
            own.restoreNetwork(own.writerId());
            try (Connection c = DriverManager.getConnection(own.jdbcUrl(), own.credentials())) {
                assertThat(Jdbc.queryString(c, "SELECT 1")).isEqualTo("1");
            }
        }

        @Test
        void addedLatencyKeepsTheSessionWorking() throws SQLException {
            try (Connection c = DriverManager.getConnection(own.jdbcUrl(), own.credentials())) {
                own.addLatency(own.writerId(), Duration.ofMillis(20));
                assertThat(own.server().networkFault(own.writerId()).mode()).isEqualTo("latency");
                assertThat(Jdbc.queryString(c, "SELECT 1")).isEqualTo("1");
                own.restoreNetwork(own.writerId());
                assertThat(own.server().networkFault(own.writerId()).mode()).isEqualTo("normal");
            }
        }

        @Test
        void aReadersLagCanBeChanged() {
            String reader = own.readerIds().get(0);
            own.setReplicaLag(reader, Duration.ofMillis(50));
            assertThat(own.cluster().instance(reader).replicaLag()).isEqualTo(Duration.ofMillis(50));
        }
    }
}

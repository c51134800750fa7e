package dev.borealis.cluster.junit;

import dev.borealis.cluster.Engine;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.jdbc.plugin.failover.FailoverSuccessSQLException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The AWS Advanced JDBC Wrapper, our peer, treats the embedded cluster as Aurora: with its Aurora
 * dialect and the cluster's instance host pattern it discovers the topology, sends read-only
 * connections to a reader ({@code readWriteSplitting}) and fails over to the promoted reader when the
 * writer crashes (both {@code failover2} and the older {@code failover}), throwing its
 * {@code FailoverSuccessSQLException} (08S02) once and then writing on the new writer, for both engines.
 */
class AwsWrapperCompatibilityTest {

    static {
        try {
            Class.forName("software.amazon.jdbc.Driver");
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Nested
    @EmbeddedCluster(engine = Engine.POSTGRESQL, readers = 2, failoverDelayMs = 300,
            lifecycle = EmbeddedCluster.Lifecycle.PER_METHOD)
    class AuroraPostgresql extends Contract {
    }

    @Nested
    @EmbeddedCluster(engine = Engine.MYSQL, readers = 2, failoverDelayMs = 300,
            lifecycle = EmbeddedCluster.Lifecycle.PER_METHOD)
    class AuroraMysql extends Contract {
    }

    abstract static class Contract {
        ServedCluster cluster;

        @Test
        void readOnlyConnectionsLandOnAReaderAndBackOnTheWriter() throws SQLException {
            try (Connection connection = DriverManager.getConnection(wrapperUrl(cluster), wrapperProperties(cluster))) {
                assertThat(Jdbc.instanceId(connection, cluster)).isEqualTo(cluster.writerId());

                connection.setReadOnly(true);
                assertThat(Jdbc.instanceId(connection, cluster)).isIn(cluster.readerIds());

                connection.setReadOnly(false);
                assertThat(Jdbc.instanceId(connection, cluster)).isEqualTo(cluster.writerId());
            }
        }

        @Test
        void theDiscoveredTopologyHoldsEveryReader() throws SQLException {
            Properties props = wrapperProperties(cluster);
            props.setProperty("readerHostSelectorStrategy", "roundRobin");
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                try (Connection connection = DriverManager.getConnection(wrapperUrl(cluster), props)) {
                    connection.setReadOnly(true);
                    seen.add(Jdbc.instanceId(connection, cluster));
                }
            }
            assertThat(seen).containsExactlyInAnyOrderElementsOf(cluster.readerIds());
        }

        @Test
        void failsOverToThePromotedReaderWhenTheWriterCrashes() throws SQLException {
            failsOverWith("failover2");
        }

        @Test
        void theFirstGenerationFailoverPluginFailsOverToo() throws SQLException {
            failsOverWith("failover");
        }

        private void failsOverWith(String plugin) throws SQLException {
            Properties props = wrapperProperties(cluster);
            props.setProperty("wrapperPlugins", "readWriteSplitting," + plugin);
            try (Connection connection = DriverManager.getConnection(wrapperUrl(cluster), props)) {
                Jdbc.update(connection, "CREATE TABLE votes (id INT PRIMARY KEY, planet VARCHAR(20))");
                Jdbc.update(connection, "INSERT INTO votes VALUES (1, 'earth')");
                String crashed = cluster.crashWriter();

                assertThatThrownBy(() -> Jdbc.update(connection, "INSERT INTO votes VALUES (2, 'mars')"))
                        .isInstanceOf(FailoverSuccessSQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(e.toString()).isEqualTo("08S02"));

                String writer = cluster.awaitWriter(Duration.ofSeconds(10));
                assertThat(writer).isNotEqualTo(crashed);
                assertThat(Jdbc.update(connection, "INSERT INTO votes VALUES (2, 'mars')")).isEqualTo(1);
                assertThat(Jdbc.instanceId(connection, cluster)).isEqualTo(writer);
                assertThat(Jdbc.queryString(connection, "SELECT COUNT(*) FROM votes")).isEqualTo("2");
            }
        }
    }

    private static String wrapperUrl(ServedCluster cluster) {
        return cluster.jdbcUrlWithScheme("jdbc:aws-wrapper:");
    }

    private static Properties wrapperProperties(ServedCluster cluster) {
        Properties props = cluster.credentials();
        props.setProperty("wrapperDialect", cluster.engine() == Engine.MYSQL ? "aurora-mysql" : "aurora-pg");
        props.setProperty("wrapperPlugins", "readWriteSplitting,failover2");
        props.setProperty("clusterInstanceHostPattern", cluster.instanceHostPattern());
        // The wrapper keys its topology cache and monitors by cluster id ("1" unless set): without a
        // distinct id, a JVM with several clusters reuses the first cluster's topology for all of them.
        props.setProperty("clusterId", cluster.name());
        props.setProperty("failoverTimeoutMs", "20000");
        props.setProperty("connectTimeout", cluster.engine() == Engine.MYSQL ? "3000" : "3");
        return props;
    }
}

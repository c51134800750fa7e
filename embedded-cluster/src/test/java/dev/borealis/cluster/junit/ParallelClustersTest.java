package dev.borealis.cluster.junit;

import dev.borealis.cluster.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.net.InetAddress;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two tests of one class run at the same time (JUnit parallel execution, enabled in
 * junit-platform.properties), each with its own cluster: the clusters get distinct loopback blocks and
 * both sets of hostnames resolve through the one shared hosts file while both are alive.
 */
@Execution(ExecutionMode.CONCURRENT)
@EmbeddedCluster(engine = Engine.POSTGRESQL, readers = 1, lifecycle = EmbeddedCluster.Lifecycle.PER_METHOD)
class ParallelClustersTest {

    private static final CyclicBarrier BOTH_RUNNING = new CyclicBarrier(2);
    private static final Map<String, ServedCluster> RUNNING = new ConcurrentHashMap<>();

    @Test
    void first(ServedCluster cluster) throws Exception {
        runAlongsideTheOther("first", cluster);
    }

    @Test
    void second(ServedCluster cluster) throws Exception {
        runAlongsideTheOther("second", cluster);
    }

    private static void runAlongsideTheOther(String me, ServedCluster cluster) throws Exception {
        RUNNING.put(me, cluster);
        BOTH_RUNNING.await(60, TimeUnit.SECONDS);

        ServedCluster other = RUNNING.get(me.equals("first") ? "second" : "first");
        assertThat(other).isNotSameAs(cluster);
        assertThat(block(other.clusterEndpoint().ip())).isNotEqualTo(block(cluster.clusterEndpoint().ip()));
        for (ServedCluster c : new ServedCluster[] {cluster, other}) {
            assertThat(InetAddress.getByName(c.names().clusterHost()).getHostAddress())
                    .isEqualTo(c.clusterEndpoint().ip());
        }
        try (Connection connection = DriverManager.getConnection(cluster.jdbcUrl(), cluster.credentials())) {
            Jdbc.update(connection, "CREATE TABLE owner (name VARCHAR(20))");
            Jdbc.update(connection, "INSERT INTO owner VALUES ('" + me + "')");
            assertThat(Jdbc.queryString(connection, "SELECT name FROM owner")).isEqualTo(me);
        }
        BOTH_RUNNING.await(60, TimeUnit.SECONDS);
    }

    /** Per-method clusters are closed before this runs: their threads end and their hosts sections go. */
    @AfterAll
    static void bothClustersCleanedUp() throws Exception {
        String hosts = Files.readString(SharedHostsFile.configured().orElseThrow());
        for (ServedCluster cluster : RUNNING.values()) {
            assertThat(hosts).doesNotContain(cluster.names().dnsId());
            awaitNoThreadsOf(cluster.name());
        }
    }

    private static void awaitNoThreadsOf(String clusterName) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            List<String> alive = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && t.getName().startsWith("borealis-" + clusterName + "-"))
                    .map(Thread::getName).toList();
            if (alive.isEmpty()) {
                return;
            }
            assertThat(System.nanoTime() - deadline).as("threads still alive: " + alive).isNegative();
            Thread.sleep(10);
        }
    }

    private static String block(String ip) {
        return ip.substring(0, ip.lastIndexOf('.'));
    }
}

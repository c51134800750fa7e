package dev.borealis.cluster.server;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared setup for the network-layer tests. */
final class ServerFixture {

    private ServerFixture() {
    }

    static String uniqueName(String base) {
        return base + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
    }

    static Cluster cluster(String name, int readers) {
        return Cluster.builder().engine(Engine.MYSQL).name(name).readers(readers)
                .failoverDelay(Duration.ofMillis(100)).rebootDelay(Duration.ofMillis(200)).start();
    }

    static ServerOptions options() {
        return ServerOptions.defaults().withPort(0).withProtocol(new EchoProtocol(Engine.MYSQL))
                .withDnsDelay(Duration.ofMillis(300));
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline).as("timed out waiting until " + what).isTrue();
            Thread.onSpinWait();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** After the cluster and its server closed: no thread named after the cluster is left. */
    static void awaitNoThreads(String clusterName) {
        awaitNoThreadsExcept(clusterName, name -> false);
    }

    /** After the server closed while the cluster still runs: only the cluster core's own threads are left. */
    static void awaitNoServerThreads(String clusterName) {
        awaitNoThreadsExcept(clusterName, name -> name.endsWith("-control") || name.endsWith("-apply")
                || name.endsWith("-materializer"));
    }

    private static void awaitNoThreadsExcept(String clusterName, java.util.function.Predicate<String> allowed) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            java.util.List<String> alive = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && t.getName().startsWith("borealis-" + clusterName + "-"))
                    .map(Thread::getName).filter(allowed.negate()).toList();
            if (alive.isEmpty()) {
                return;
            }
            assertThat(System.nanoTime() < deadline).as("threads still alive: " + alive).isTrue();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}

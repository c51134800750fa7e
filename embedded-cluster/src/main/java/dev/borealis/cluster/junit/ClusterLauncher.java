package dev.borealis.cluster.junit;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import dev.borealis.cluster.server.ClusterServer;
import dev.borealis.cluster.server.Endpoint;
import dev.borealis.cluster.server.JvmNameResolution;
import dev.borealis.cluster.server.ServerOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Turns an {@link EmbeddedCluster} annotation into a started, served cluster. */
final class ClusterLauncher {

    private static final int NAME_PREFIX_MAX = 24;

    private ClusterLauncher() {
    }

    static ServedCluster start(EmbeddedCluster spec, String testName) {
        String name = spec.name().isEmpty() ? uniqueName(testName) : spec.name();
        Cluster cluster = Cluster.builder()
                .engine(spec.engine())
                .name(name)
                .readers(spec.readers())
                .replicaLag(Duration.ofMillis(spec.replicaLagMs()))
                .failoverDelay(Duration.ofMillis(spec.failoverDelayMs()))
                .rebootDelay(Duration.ofMillis(spec.rebootDelayMs()))
                .user(spec.user(), spec.password())
                .start();
        try {
            createCustomEndpoints(cluster, spec);
            ClusterServer server = ClusterServer.start(cluster, options(spec));
            Endpoint writer = server.clusterEndpoint();
            boolean hostnames = JvmNameResolution.resolves(writer);
            if (!hostnames) {
                SharedHostsFile.warnOnce(name);
            }
            return new ServedCluster(cluster, server, spec.user(), spec.password(), database(spec), hostnames);
        } catch (IOException e) {
            cluster.close();
            throw new UncheckedIOException("cluster " + name + ": cannot serve it: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private static void createCustomEndpoints(Cluster cluster, EmbeddedCluster spec) {
        List<String> ids = cluster.instances().stream().map(dev.borealis.cluster.Instance::id).toList();
        for (CustomEndpointSpec custom : spec.customEndpoints()) {
            boolean allExcept = custom.members().length == 0;
            Set<String> listed = new LinkedHashSet<>();
            for (int n : allExcept ? custom.excluded() : custom.members()) {
                if (n < 1 || n > ids.size()) {
                    throw new IllegalArgumentException("@EmbeddedCluster custom endpoint " + custom.name()
                            + ": instance number " + n + " is out of range 1.." + ids.size()
                            + " (1 is the writer, 2.." + ids.size() + " the readers)");
                }
                listed.add(ids.get(n - 1));
            }
            cluster.createCustomEndpoint(new dev.borealis.cluster.CustomEndpoint(custom.name(), custom.type(),
                    allExcept, listed));
        }
    }

    private static ServerOptions options(EmbeddedCluster spec) {
        ServerOptions options = ServerOptions.defaults()
                .withPort(spec.port())
                .withDnsDelay(Duration.ofMillis(spec.dnsDelayMs()))
                .withReaderRotation(Duration.ofMillis(spec.readerRotationMs()))
                .withPortPerInstance(spec.portPerInstance());
        return SharedHostsFile.configured().map(options::withHostsFile).orElse(options);
    }

    private static String database(EmbeddedCluster spec) {
        if (!spec.database().isEmpty()) {
            return spec.database();
        }
        return spec.engine() == Engine.POSTGRESQL ? "postgres" : "";
    }

    /** A valid, recognisable and unique cluster id: the test's name in Aurora's alphabet plus a random suffix. */
    static String uniqueName(String testName) {
        String base = testName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^[^a-z]+|-+$", "");
        if (base.length() > NAME_PREFIX_MAX) {
            base = base.substring(0, NAME_PREFIX_MAX).replaceAll("-+$", "");
        }
        String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36, 36 * 36 * 36 * 36), 36);
        return (base.isEmpty() ? "test" : base) + "-" + suffix;
    }
}

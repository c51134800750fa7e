package dev.borealis.samples.demo;

import dev.borealis.cluster.server.JvmNameResolution;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.util.Optional;

/**
 * The embedded cluster's Aurora-shaped hostnames resolve through a hosts-format file, which the JDK reads only if
 * {@code jdk.net.hosts.file} is set before the first name lookup. {@code java -jar} cannot be given the flag by the
 * README command, so the demo's {@code main} sets it first thing ({@link #useOwnHostsFileIfUnset()}); when that was
 * too late (some lookup ran earlier), {@link JvmNameResolution#resolves} says so and the demo connects by IP address instead.
 */
public final class NameResolution {

    static final String HOSTS_FILE_PROPERTY = JvmNameResolution.HOSTS_FILE_PROPERTY;

    private NameResolution() {
    }

    /** Points this JVM at a fresh hosts file (seeded with localhost) unless the command line named one already. */
    public static void useOwnHostsFileIfUnset() {
        if (configured().isPresent()) {
            return;
        }
        try {
            Path file = Files.createTempFile("borealis-demo-", ".hosts");
            file.toFile().deleteOnExit();
            file.resolveSibling(file.getFileName() + ".lock").toFile().deleteOnExit();
            Files.writeString(file, "127.0.0.1 localhost\n::1 localhost\n", StandardCharsets.US_ASCII);
            System.setProperty(HOSTS_FILE_PROPERTY, file.toString());
            // The cluster models DNS delay itself; the JDK's 30 s cache on top would only blur it.
            Security.setProperty("networkaddress.cache.ttl", "0");
            Security.setProperty("networkaddress.cache.negative.ttl", "0");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a hosts file for the demo cluster's names", e);
        }
    }

    static Optional<Path> configured() {
        return JvmNameResolution.configuredHostsFile();
    }
}

package dev.borealis.cluster.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether this JVM resolves the cluster's hostnames: it does when it was started with (or set, before its first
 * lookup) {@code -Djdk.net.hosts.file} naming the file the server writes. The JUnit extension and the demo both ask.
 */
public final class JvmNameResolution {

    /** The JDK's system property naming a hosts-format file that replaces DNS. */
    public static final String HOSTS_FILE_PROPERTY = "jdk.net.hosts.file";

    private JvmNameResolution() {
    }

    /** The hosts file this JVM reads instead of DNS, if it was given one. */
    public static Optional<Path> configuredHostsFile() {
        String value = System.getProperty(HOSTS_FILE_PROPERTY);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value).toAbsolutePath());
    }

    /** Whether {@code endpoint}'s hostname resolves to its address in this JVM (false when names go to real DNS). */
    public static boolean resolves(Endpoint endpoint) {
        if (configuredHostsFile().isEmpty()) {
            return false;
        }
        try {
            return InetAddress.getByName(endpoint.host()).getHostAddress().equals(endpoint.ip());
        } catch (UnknownHostException e) {
            return false;
        }
    }
}

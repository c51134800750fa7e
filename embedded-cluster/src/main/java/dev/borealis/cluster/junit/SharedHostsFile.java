package dev.borealis.cluster.junit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one hosts file this JVM resolves names through. The JDK reads {@code jdk.net.hosts.file} once,
 * when name resolution starts, so it must be set on the command line (surefire's {@code argLine});
 * every cluster the extension starts then keeps its own section of that same file.
 */
final class SharedHostsFile {

    static final String PROPERTY = "jdk.net.hosts.file";
    private static final System.Logger LOG = System.getLogger(SharedHostsFile.class.getName());
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private SharedHostsFile() {
    }

    /** The file named by {@code -Djdk.net.hosts.file}, if the JVM was given one. */
    static Optional<Path> configured() {
        String value = System.getProperty(PROPERTY);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value).toAbsolutePath());
    }

    /** Whether {@code host} resolves to {@code ip} in this JVM (false when names go to real DNS). */
    static boolean resolves(String host, String ip) {
        if (configured().isEmpty()) {
            return false;
        }
        try {
            return InetAddress.getByName(host).getHostAddress().equals(ip);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static void warnOnce(String cluster) {
        if (WARNED.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, () -> "cluster " + cluster + ": this JVM does not resolve the "
                    + "clusters' hostnames, so URLs carry IP addresses and DNS staleness after failover is not "
                    + "visible; start the test JVM with -D" + PROPERTY + "=PATH -Dsun.net.inetaddr.ttl=0 "
                    + "(surefire argLine, see docs/junit.md)" + configured().map(p -> "; " + PROPERTY + "=" + p
                    + " is set but names did not resolve through it (was it set after the JVM started?)").orElse(""));
        }
    }
}

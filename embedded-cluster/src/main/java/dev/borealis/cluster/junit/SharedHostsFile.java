package dev.borealis.cluster.junit;

import dev.borealis.cluster.server.JvmNameResolution;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one hosts file this JVM resolves names through. The JDK reads {@code jdk.net.hosts.file} once,
 * when name resolution starts, so it must be set on the command line (surefire's {@code argLine});
 * every cluster the extension starts then keeps its own section of that same file.
 */
final class SharedHostsFile {

    static final String PROPERTY = JvmNameResolution.HOSTS_FILE_PROPERTY;
    private static final System.Logger LOG = System.getLogger(SharedHostsFile.class.getName());
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private SharedHostsFile() {
    }

    /** The file named by {@code -Djdk.net.hosts.file}, if the JVM was given one. */
    static Optional<Path> configured() {
        return JvmNameResolution.configuredHostsFile();
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

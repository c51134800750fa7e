package dev.borealis.cluster.server;

import dev.borealis.cluster.wire.WireProtocol;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a {@link ClusterServer} serves a cluster. Immutable; start from {@link #defaults()} and change
 * what you need with the {@code with…} methods, each of which validates its value.
 *
 * @param port the port every instance listens on; -1 = the engine's usual port (3306/5432), 0 = a free one
 * @param domain DNS suffix of every hostname. The default {@code us-east-1.rds.amazonaws.com} makes the
 *               names look exactly like Aurora's, so clients that recognise RDS hostnames by pattern
 *               (e.g. the AWS Advanced JDBC Wrapper) treat them as Aurora endpoints; the names only
 *               resolve through the cluster's hosts file, never through real DNS
 * @param dnsId the cluster's DNS id (Aurora: 12 lower-case letters and digits); null = random
 * @param dnsDelay how long after a failover the cluster endpoint keeps pointing at the old writer
 * @param readerRotation how often the reader endpoint moves to the next reader
 * @param hostsFile the hosts-format file to maintain; null = one in the temp directory
 * @param portPerInstance force the fallback layout: every instance on 127.0.0.1 with a port of its own
 * @param keyStore a PKCS12 key store with the server certificate; null = a self-signed one made at start
 * @param keyStorePassword the key store's password (never logged)
 * @param protocol the wire protocol; null = the one {@link java.util.ServiceLoader} finds for the engine
 */
public record ServerOptions(int port, String domain, String dnsId, Duration dnsDelay, Duration readerRotation,
                            Path hostsFile, boolean portPerInstance, Path keyStore, char[] keyStorePassword,
                            WireProtocol protocol) {

    public static final String DEFAULT_DOMAIN = "us-east-1.rds.amazonaws.com";
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final Pattern DNS_ID = Pattern.compile("[a-z0-9]{1,20}");

    public ServerOptions {
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " is out of range 0..65535 (or -1 for the engine's port)");
        }
        Objects.requireNonNull(domain, "domain");
        if (!DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException("domain: '" + domain + "' is not a DNS name (lower-case labels separated by dots)");
        }
        if (dnsId != null && !DNS_ID.matcher(dnsId).matches()) {
            throw new IllegalArgumentException("dns id: '" + dnsId + "' is invalid (1-20 lower-case letters and digits)");
        }
        requireNotNegative("dns delay", dnsDelay);
        requireNotNegative("reader rotation", readerRotation);
        if (readerRotation.isZero()) {
            throw new IllegalArgumentException("reader rotation: must be positive");
        }
        keyStorePassword = keyStorePassword == null ? null : keyStorePassword.clone();
    }

    public static ServerOptions defaults() {
        return new ServerOptions(-1, DEFAULT_DOMAIN, null, Duration.ofSeconds(5), Duration.ofSeconds(5), null, false,
                null, null, null);
    }

    public ServerOptions withPort(int port) {
        return new ServerOptions(port, domain, dnsId, dnsDelay, readerRotation, hostsFile, portPerInstance, keyStore,
                keyStorePassword, protocol);
    }

    public ServerOptions withDomain(String domain) {
        return new ServerOptions(port, domain, dnsId, dnsDelay, readerRotation, hostsFile, portPerInstance, keyStore,
                keyStorePassword, protocol);
    }

    public ServerOptions withDnsId(String dnsId) {
        return new ServerOptions(port, domain, dnsId, dnsDelay, readerRotation, hostsFile, portPerInstance, keyStore,
                keyStorePassword, protocol);
    }

    public ServerOptions withDnsDelay(Duration dnsDelay) {
        return new ServerOptions(port, domain, dnsId, dnsDelay, readerRotation, hostsFile, portPerInstance, keyStore,
                keyStorePassword, protocol);
    }

    public ServerOptions withReaderRotation(Duration readerRotation) {
        return new ServerOptions(port, domain, dnsId, dnsDelay, readerRotation, hostsFile, portPerInstance, keyStore,
                keyStorePassword, protocol);
    }

    public ServerOptions withHostsFile(Path hostsFile) {
        return new ServerOptions(port, domain, dnsId, dnsDelay, readerRotation, hostsFile, portPerInstance, keyStore,
                keyStorePassword, protocol);
    }

    public ServerOptions withPortPerInstance(boolean portPerInstance) {
        return new ServerOptions(port, domain, dnsId, dnsDelay, readerRotation, hostsFile, portPerInstance, keyStore,
                keyStorePassword, protocol);
    }

    public ServerOptions withKeyStore(Path keyStore, char[] password) {
        return new ServerOptions(port, domain, dnsId, dnsDelay, readerRotation, hostsFile, portPerInstance,
                Objects.requireNonNull(keyStore, "keyStore"), password, protocol);
    }

    public ServerOptions withProtocol(WireProtocol protocol) {
        return new ServerOptions(port, domain, dnsId, dnsDelay, readerRotation, hostsFile, portPerInstance, keyStore,
                keyStorePassword, protocol);
    }

    private static void requireNotNegative(String what, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(what + ": " + value + " is invalid (must be zero or positive)");
        }
    }

    @Override
    public String toString() {
        return "ServerOptions[port=" + port + ", domain=" + domain + ", dnsId=" + dnsId + ", dnsDelay=" + dnsDelay
                + ", readerRotation=" + readerRotation + ", hostsFile=" + hostsFile + ", portPerInstance="
                + portPerInstance + ", keyStore=" + keyStore + ", protocol=" + protocol + "]";
    }
}

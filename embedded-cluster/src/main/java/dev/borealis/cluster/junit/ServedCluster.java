package dev.borealis.cluster.junit;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import dev.borealis.cluster.InstanceStatus;
import dev.borealis.cluster.Role;
import dev.borealis.cluster.server.ClusterEndpoints;
import dev.borealis.cluster.server.ClusterServer;
import dev.borealis.cluster.server.DnsNames;
import dev.borealis.cluster.server.Endpoint;
import dev.borealis.cluster.server.NetworkFault;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A running embedded cluster served on the network, as a test sees it: JDBC URLs for the raw driver
 * and for Borealis, endpoints, the underlying {@link Cluster} and {@link ClusterServer}, and every fault.
 *
 * <p>URLs name hosts when the test JVM resolves the cluster's hostnames (it was started with
 * {@code -Djdk.net.hosts.file} pointing at the file this cluster writes into, see {@link SharedHostsFile});
 * otherwise they carry the addresses DNS would give now, so the test still connects, without the DNS
 * behaviour (staleness after failover) that only names can show.
 */
public final class ServedCluster implements AutoCloseable {

    private final Cluster cluster;
    private final ClusterServer server;
    private final String user;
    private final String password;
    private final String database;
    private final boolean hostnames;
    private final AtomicBoolean closed = new AtomicBoolean();

    ServedCluster(Cluster cluster, ClusterServer server, String user, String password, String database,
                  boolean hostnames) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.server = Objects.requireNonNull(server, "server");
        this.user = user;
        this.password = password;
        this.database = database;
        this.hostnames = hostnames;
    }

    // ---------------------------------------------------------------- what it is

    public Cluster cluster() {
        return cluster;
    }

    public ClusterServer server() {
        return server;
    }

    public Engine engine() {
        return cluster.engine();
    }

    public String name() {
        return cluster.name();
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The database the URLs name ({@code postgres} by default on PostgreSQL, empty on MySQL). */
    public String database() {
        return database;
    }

    /** {@code user} and {@code password}, ready for {@code DriverManager.getConnection(url, props)}. */
    public Properties credentials() {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        return props;
    }

    /** Whether this JVM resolves the cluster's hostnames (and so whether the URLs use them). */
    public boolean hostnamesResolve() {
        return hostnames;
    }

    public DnsNames names() {
        return server.names();
    }

    /** The AWS wrapper's {@code clusterInstanceHostPattern}: {@code ?.DNSID.DOMAIN}. */
    public String instanceHostPattern() {
        return server.names().instanceHostPattern();
    }

    // ---------------------------------------------------------------- endpoints and URLs

    public ClusterEndpoints endpoints() {
        return server.endpoints();
    }

    public Endpoint clusterEndpoint() {
        return server.clusterEndpoint();
    }

    public Endpoint readerEndpoint() {
        return server.readerEndpoint();
    }

    public Endpoint instanceEndpoint(String instanceId) {
        return server.instanceEndpoint(instanceId);
    }

    /** Raw-driver URL of the cluster (writer) endpoint: {@code jdbc:mysql://…} or {@code jdbc:postgresql://…}. */
    public String jdbcUrl() {
        return rawUrl(clusterEndpoint());
    }

    /** Raw-driver URL of the reader endpoint. */
    public String readerJdbcUrl() {
        return rawUrl(readerEndpoint());
    }

    /** A custom endpoint as its DNS name resolves now; empty when it has no routable member. */
    public java.util.Optional<Endpoint> customEndpoint(String name) {
        return server.customEndpoint(name);
    }

    /**
     * Raw-driver URL of a custom endpoint, by hostname (only meaningful where {@link #hostnamesResolve()}: by IP
     * it would be one member's address, not the endpoint).
     */
    public String customJdbcUrl(String name) {
        return server.customUrl(name, database);
    }

    /** Borealis URL of a custom endpoint, by hostname; add the {@code customEndpoint} plugin's properties. */
    public String customBorealisUrl(String name) {
        return "jdbc:borealis:" + customJdbcUrl(name).substring("jdbc:".length());
    }

    /** Raw-driver URL of one instance. */
    public String instanceJdbcUrl(String instanceId) {
        return rawUrl(instanceEndpoint(instanceId));
    }

    /**
     * Borealis URL of the cluster endpoint, {@code jdbc:borealis:mysql://host:port/db} (or
     * {@code postgresql}); append {@code ?prop=value} as needed. Only a string: this module does not
     * depend on the driver.
     */
    public String borealisUrl() {
        return "jdbc:borealis:" + rawUrl(clusterEndpoint()).substring("jdbc:".length());
    }

    /** The same URL with the target driver's scheme swapped for {@code prefix}, e.g. {@code jdbc:aws-wrapper:}. */
    public String jdbcUrlWithScheme(String prefix) {
        return prefix + rawUrl(clusterEndpoint()).substring("jdbc:".length());
    }

    private String rawUrl(Endpoint endpoint) {
        return hostnames ? endpoint.jdbcUrl(engine(), database) : endpoint.jdbcUrlByIp(engine(), database);
    }

    // ---------------------------------------------------------------- topology

    public String writerId() {
        return cluster.topology().writerId();
    }

    public List<String> readerIds() {
        return cluster.topology().readers().stream().map(InstanceStatus::id).toList();
    }

    public List<String> instanceIds() {
        return cluster.topology().instances().stream().map(InstanceStatus::id).toList();
    }

    // ---------------------------------------------------------------- faults

    /** Fails over to the reader the promotion rules pick; returns the new writer's id. */
    public String failover() {
        return cluster.failover();
    }

    public void failover(String targetId) {
        cluster.failover(targetId);
    }

    /** Crashes the current writer (a reader is promoted after the failover delay); returns its id. */
    public String crashWriter() {
        String writer = writerId();
        cluster.crash(writer);
        return writer;
    }

    public void crash(String instanceId) {
        cluster.crash(instanceId);
    }

    /** Restarts an instance; it rejoins as a reader (a restarted writer hands over first). */
    public void restart(String instanceId) {
        cluster.restart(instanceId);
    }

    public void setReplicaLag(String instanceId, Duration lag) {
        cluster.setReplicaLag(instanceId, lag);
    }

    public String addReader(String instanceId, int tier) {
        return cluster.addReader(instanceId, tier).id();
    }

    public void removeReader(String instanceId) {
        cluster.removeReader(instanceId);
    }

    public dev.borealis.cluster.CustomEndpoint createCustomEndpoint(dev.borealis.cluster.CustomEndpoint endpoint) {
        return cluster.createCustomEndpoint(endpoint);
    }

    public dev.borealis.cluster.CustomEndpoint modifyCustomEndpoint(dev.borealis.cluster.CustomEndpoint endpoint) {
        return cluster.modifyCustomEndpoint(endpoint);
    }

    public void deleteCustomEndpoint(String name) {
        cluster.deleteCustomEndpoint(name);
    }

    /** Silence: the instance's open sessions stall and new connections are never greeted, with no RST. */
    public void blackhole(String instanceId) {
        server.inject(instanceId, NetworkFault.BLACKHOLE);
    }

    /** Closes every socket of the instance with an RST; it keeps accepting new connections. */
    public void resetConnections(String instanceId) {
        server.inject(instanceId, NetworkFault.RESET);
    }

    /** Delays every response of the instance by {@code delay}. */
    public void addLatency(String instanceId, Duration delay) {
        server.inject(instanceId, new NetworkFault.Latency(delay));
    }

    /** Ends a blackhole or added latency. */
    public void restoreNetwork(String instanceId) {
        server.inject(instanceId, NetworkFault.NORMAL);
    }

    /** Loses availability zone {@code az}'s (1..3) two storage segments (writes keep their 4/6 quorum). */
    public void failAz(int az) {
        cluster.failAz(az);
    }

    public void recoverAz(int az) {
        cluster.recoverAz(az);
    }

    /** Loses one segment (0..5; AZ n holds 2n-2 and 2n-1); after {@link #failAz} that is "AZ+1": reads survive, writes stall. */
    public void failSegment(int segment) {
        cluster.failSegment(segment);
    }

    public void recoverSegment(int segment) {
        cluster.recoverSegment(segment);
    }

    // ---------------------------------------------------------------- waiting

    /** Waits until a writer is available (e.g. after {@link #crashWriter}); returns its id. */
    public String awaitWriter(Duration timeout) {
        if (!cluster.awaitWriter(timeout)) {
            throw new IllegalStateException("cluster " + name() + ": no available writer within " + timeout.toMillis()
                    + " ms (" + cluster.topology() + ")");
        }
        return writerId();
    }

    /** Waits until the cluster endpoint's DNS name points at the current writer (the DNS delay after a failover). */
    public void awaitClusterEndpointOnWriter(Duration timeout) {
        poll(timeout, () -> {
            String writer = writerId();
            return cluster.topology().instance(writer).map(s -> s.role() == Role.WRITER).orElse(false)
                    && writer.equals(server.clusterEndpointTarget());
        }, () -> "the cluster endpoint (now " + server.clusterEndpointTarget() + ") to point at writer " + writerId());
    }

    /** Waits until every available reader shows everything durable now. */
    public void awaitReplication(Duration timeout) {
        if (!cluster.awaitReplication(timeout)) {
            throw new IllegalStateException("cluster " + name() + ": readers did not catch up within "
                    + timeout.toMillis() + " ms");
        }
    }

    private void poll(Duration timeout, BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("cluster " + name() + ": timed out after " + timeout.toMillis()
                        + " ms waiting for " + what.get());
            }
            try {
                TimeUnit.MILLISECONDS.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("cluster " + name() + ": interrupted waiting for " + what.get(), e);
            }
        }
    }

    // ---------------------------------------------------------------- close

    /** Stops serving and stops the cluster; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                server.close();
            } finally {
                cluster.close();
            }
        }
    }

    @Override
    public String toString() {
        return "ServedCluster[" + name() + ", " + engine().displayName() + ", user " + user + ", "
                + (hostnames ? "hostnames via " + server.hostsFile() : "by IP (hostnames do not resolve in this JVM)")
                + "]";
    }
}

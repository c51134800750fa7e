package dev.borealis.cluster.server;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.ClusterListener;
import dev.borealis.cluster.CustomEndpoint;
import dev.borealis.cluster.Instance;
import dev.borealis.cluster.InstanceStatus;
import dev.borealis.cluster.Topology;
import dev.borealis.cluster.wire.WireProtocol;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves a started {@link Cluster} on the network: every instance listens on its own loopback address
 * on one shared port (or, where only 127.0.0.1 works, on 127.0.0.1 with a port each, plus two
 * dispatching listeners standing in for the cluster and reader endpoints), a hosts file maps
 * Aurora-shaped hostnames to them, and per-instance network faults can be injected. Follows the
 * cluster's events: listeners come and go with instances, a downed instance's sockets close, DNS moves.
 *
 * <p>Threads: {@code borealis-CLUSTER-INSTANCE-accept} per listener, {@code borealis-CLUSTER-INSTANCE-conn-N}
 * per client connection, {@code borealis-CLUSTER-dns} for DNS timers; {@link #close()} stops them all.
 */
public final class ClusterServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ClusterServer.class.getName());
    private static final int PORT_ATTEMPTS = 20;

    private final Cluster cluster;
    private final ConnectionRunner connections;
    private final DnsNames names;
    private final AddressBlock block;
    private final SSLContext tls;
    private final HostsFile hosts;
    private final boolean ownHostsFile;
    private final DnsTable dns;
    private final ScheduledThreadPoolExecutor timer;
    private final String threadPrefix;
    private final Object lock = new Object();
    private final Map<String, InstanceNetwork> networks = new LinkedHashMap<>();
    private final ClusterListener events = new Events();
    private int sharedPort = -1;
    private EndpointListener clusterDispatch;
    private EndpointListener readerDispatch;
    /** Port-per-instance layout only: one dispatching listener per custom endpoint. */
    private final Map<String, EndpointListener> customDispatch = new LinkedHashMap<>();
    private volatile List<String> publishedHosts = List.of();
    private volatile boolean closed;
    /** Set once the initial listeners are bound; cluster events before that are caught up by the first refresh. */
    private boolean bound;

    private ClusterServer(Cluster cluster, ServerOptions options, WireProtocol protocol, AddressBlock block)
            throws IOException {
        this.cluster = cluster;
        this.block = block;
        this.names = new DnsNames(cluster.name(), options.dnsId() != null ? options.dnsId() : DnsNames.randomDnsId(),
                options.domain());
        this.threadPrefix = "borealis-" + cluster.name() + "-";
        this.tls = options.keyStore() != null
                ? ServerCertificate.fromKeyStore(options.keyStore(), options.keyStorePassword())
                : ServerCertificate.selfSigned(names.clusterHost(), certificateNames());
        this.connections = new ConnectionRunner(cluster, protocol, tls, threadPrefix, this::namesOf);
        this.ownHostsFile = options.hostsFile() == null;
        Path hostsPath = ownHostsFile
                ? Path.of(System.getProperty("java.io.tmpdir"), "borealis-" + cluster.name() + "-" + names.dnsId() + ".hosts")
                : options.hostsFile();
        this.hosts = new HostsFile(hostsPath, cluster.name() + " " + names.dnsId());
        this.dns = new DnsTable(options.dnsDelay().toNanos());
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadPrefix + "dns");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Starts serving {@code cluster}; the listeners are bound and the hosts file written when this returns. */
    public static ClusterServer start(Cluster cluster, ServerOptions options) throws IOException {
        if (cluster.isClosed()) {
            throw new IllegalStateException("cluster " + cluster.name() + " is closed; it cannot be served");
        }
        WireProtocol protocol = options.protocol() != null ? options.protocol() : WireProtocols.find(cluster.engine());
        int port = options.port() == -1 ? cluster.engine().defaultPort() : options.port();
        AddressBlock block = AddressBlock.reserve(port, options.portPerInstance());
        ClusterServer server;
        try {
            server = new ClusterServer(cluster, options, protocol, block);
        } catch (IOException | RuntimeException e) {
            block.close();
            throw e;
        }
        try {
            server.bind(port);
            long rotation = options.readerRotation().toNanos();
            server.timer.scheduleAtFixedRate(() -> server.refresh(true), rotation, rotation, TimeUnit.NANOSECONDS);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        LOG.info(() -> "cluster " + cluster.name() + ": serving " + server.endpoints() + ", hosts file " + server.hostsFile());
        return server;
    }

    private List<String> certificateNames() {
        String base = names.dnsId() + "." + names.domain();
        return List.of(names.clusterHost(), names.readerHost(), "*." + base, "*.cluster-" + base,
                "*.cluster-ro-" + base, "*.cluster-custom-" + base, "localhost");
    }

    // ---------------------------------------------------------------- binding

    private void bind(int port) throws IOException {
        cluster.addListener(events);
        Map<String, Instance> instances = instancesById();
        synchronized (lock) {
            if (block.distinct()) {
                bindShared(instances.values(), port);
            } else {
                bindPerInstance(instances.values(), port);
            }
            bound = true;
        }
        refresh(false);
    }

    /** Must not be called holding {@code lock}: the cluster calls into this server holding its own lock. */
    private Map<String, Instance> instancesById() {
        Map<String, Instance> byId = new LinkedHashMap<>();
        for (Instance instance : cluster.instances()) {
            byId.put(instance.id(), instance);
        }
        return byId;
    }

    private void bindShared(Collection<Instance> instances, int port) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < (port == 0 ? PORT_ATTEMPTS : 1); attempt++) {
            try {
                int chosen = port;
                for (Instance instance : instances) {
                    InstanceNetwork network = open(instance, block.take(), chosen);
                    chosen = network.listener.port();
                }
                sharedPort = chosen;
                return;
            } catch (IOException e) {
                last = e;
                for (InstanceNetwork network : networks.values()) {
                    network.close();
                    block.give(network.ip);
                }
                networks.clear();
            }
        }
        throw new IOException("cluster " + cluster.name() + ": cannot bind port " + port + " on every instance address"
                + (port == 0 ? " after " + PORT_ATTEMPTS + " attempts" : "") + ": " + last.getMessage(), last);
    }

    private void bindPerInstance(Collection<Instance> instances, int port) throws IOException {
        for (Instance instance : instances) {
            open(instance, block.take(), 0);
        }
        clusterDispatch = dispatcher("cluster-endpoint", port, dns::writerTarget);
        readerDispatch = dispatcher("reader-endpoint", 0, dns::readerTarget);
    }

    private InstanceNetwork open(Instance instance, String ip, int port) throws IOException {
        ServerSocket socket = listen(ip, port);
        InstanceNetwork[] holder = new InstanceNetwork[1];
        EndpointListener listener = new EndpointListener(threadPrefix + instance.id() + "-accept", socket,
                client -> connections.accepted(closed ? null : holder[0], client));
        holder[0] = new InstanceNetwork(instance, ip, listener);
        networks.put(instance.id(), holder[0]);
        return holder[0];
    }

    private EndpointListener dispatcher(String name, int port, Supplier<String> target) throws IOException {
        return new EndpointListener(threadPrefix + name + "-accept", listen("127.0.0.1", port), client -> {
            InstanceNetwork network;
            synchronized (lock) {
                network = closed ? null : networks.get(target.get());
            }
            connections.accepted(network, client);
        });
    }

    private static ServerSocket listen(String ip, int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(ip), port), 128);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot listen on " + ip + ":" + port + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- cluster events and DNS

    /** Runs on whatever thread changed the cluster, under the cluster's lock: never call back into the cluster. */
    private final class Events implements ClusterListener {
        @Override
        public void instanceDown(String instanceId) {
            InstanceNetwork network;
            synchronized (lock) {
                network = networks.get(instanceId);
            }
            if (network != null) {
                network.dropConnections(false);
            }
        }

        @Override
        public void topologyChanged(Topology topology) {
            sync(topology, instancesById(), false);
        }
    }

    private void refresh(boolean rotate) {
        if (!closed) {
            try {
                Map<String, Instance> instances = instancesById();
                sync(cluster.topology(), instances, rotate);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cluster " + cluster.name() + ": DNS refresh failed", e);
            }
        }
    }

    private void sync(Topology topology, Map<String, Instance> instances, boolean rotate) {
        List<CustomEndpoint> custom = cluster.customEndpoints();
        List<EndpointListener> retired;
        synchronized (lock) {
            if (closed || !bound) {
                return;
            }
            reconcileListeners(topology, instances);
            long due = dns.update(topology, custom, cluster.settings().ticker().nanos(), rotate);
            if (due >= 0) {
                timer.schedule(() -> refresh(false), due + TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.NANOSECONDS);
            }
            retired = reconcileCustomDispatch(custom);
            publishHosts(topology, custom);
        }
        // outside the lock: closing joins the accept thread, which may be waiting for the lock to dispatch
        retired.forEach(EndpointListener::close);
    }

    /** Opens a dispatcher for each new custom endpoint and returns those of deleted ones, to close unlocked. */
    private List<EndpointListener> reconcileCustomDispatch(List<CustomEndpoint> custom) {
        if (block.distinct()) {
            return List.of();
        }
        List<String> names = custom.stream().map(CustomEndpoint::name).toList();
        List<EndpointListener> retired = new ArrayList<>();
        for (String name : List.copyOf(customDispatch.keySet())) {
            if (!names.contains(name)) {
                retired.add(customDispatch.remove(name));
            }
        }
        for (String name : names) {
            if (!customDispatch.containsKey(name)) {
                try {
                    customDispatch.put(name, dispatcher("custom-" + name, 0, () -> dns.customTarget(name).orElse(null)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cluster " + cluster.name() + ": custom endpoint " + name
                            + " cannot listen", e);
                }
            }
        }
        return retired;
    }

    private void reconcileListeners(Topology topology, Map<String, Instance> instances) {
        for (String id : List.copyOf(networks.keySet())) {
            Instance current = instances.get(id);
            if (topology.instance(id).isEmpty() || current == null || current != networks.get(id).instance) {
                InstanceNetwork gone = networks.remove(id);
                gone.close();
                block.give(gone.ip);
            }
        }
        for (InstanceStatus status : topology.instances()) {
            Instance instance = instances.get(status.id());
            if (instance != null && !networks.containsKey(status.id())) {
                openAtRuntime(instance);
            }
        }
    }

    private void openAtRuntime(Instance instance) {
        String id = instance.id();
        String ip = block.take();
        try {
            open(instance, ip, block.distinct() ? sharedPort : 0);
        } catch (IOException e) {
            LOG.warning(() -> "cluster " + cluster.name() + ": instance " + id + " cannot use the shared port "
                    + sharedPort + " (" + e.getMessage() + "); it gets a port of its own");
            try {
                open(instance, ip, 0);
            } catch (IOException again) {
                block.give(ip);
                throw new UncheckedIOException("cluster " + cluster.name() + ": instance " + id + " cannot listen", again);
            }
        }
    }

    private void publishHosts(Topology topology, List<CustomEndpoint> custom) {
        List<String> lines = new ArrayList<>();
        lines.add(ipOf(dns.writerTarget()) + " " + names.clusterHost());
        lines.add(ipOf(dns.readerTarget()) + " " + names.readerHost());
        for (CustomEndpoint endpoint : custom) {
            dns.customTarget(endpoint.name())
                    .ifPresent(target -> lines.add(ipOf(target) + " " + names.customHost(endpoint.name())));
        }
        for (InstanceStatus status : topology.instances()) {
            lines.add(ipOf(status.id()) + " " + names.instanceHost(status.id()));
        }
        if (!lines.equals(publishedHosts)) {
            try {
                hosts.writeSection(lines);
                publishedHosts = lines;
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cluster " + cluster.name() + ": cannot write hosts file " + hosts.path(), e);
            }
        }
    }

    /** The published DNS names that resolve to {@code ip} now (what a client connecting there may have used). */
    private Set<String> namesOf(String ip) {
        Set<String> names = new java.util.TreeSet<>();
        for (String line : publishedHosts) {
            int space = line.indexOf(' ');
            if (space > 0 && line.substring(0, space).equals(ip)) {
                names.add(line.substring(space + 1).trim());
            }
        }
        return names;
    }

    private String ipOf(String instanceId) {
        InstanceNetwork network = instanceId == null ? null : networks.get(instanceId);
        return network == null ? "127.0.0.1" : network.ip;
    }

    // ---------------------------------------------------------------- public queries

    public Cluster cluster() {
        return cluster;
    }

    public DnsNames names() {
        return names;
    }

    /** The hosts-format file to give JVMs as {@code -Djdk.net.hosts.file=…}. */
    public Path hostsFile() {
        return hosts.path();
    }

    /** Whether every instance has its own address on one shared port (false: the 127.0.0.1 fallback). */
    public boolean distinctAddresses() {
        return block.distinct();
    }

    public ClusterEndpoints endpoints() {
        synchronized (lock) {
            Map<String, Endpoint> instances = new LinkedHashMap<>();
            for (InstanceNetwork network : networks.values()) {
                instances.put(network.id, endpointOf(network));
            }
            Map<String, Endpoint> custom = new LinkedHashMap<>();
            for (CustomEndpoint endpoint : cluster.customEndpoints()) {
                customEndpointLocked(endpoint.name()).ifPresent(e -> custom.put(endpoint.name(), e));
            }
            return new ClusterEndpoints(clusterEndpointLocked(), readerEndpointLocked(), instances, custom);
        }
    }

    /**
     * A custom endpoint as DNS resolves it now; empty when the endpoint does not exist or has no routable member.
     */
    public Optional<Endpoint> customEndpoint(String name) {
        synchronized (lock) {
            return customEndpointLocked(name);
        }
    }

    /** The instances a custom endpoint's name spreads connections over now (after the DNS delay). */
    public List<String> customEndpointTargets(String name) {
        synchronized (lock) {
            return dns.customPublished(name);
        }
    }

    /** A raw-driver JDBC URL for a custom endpoint, by hostname (resolvable or not). */
    public String customUrl(String name, String database) {
        int port;
        synchronized (lock) {
            port = customPortLocked(name);
        }
        return new Endpoint(names.customHost(name), "127.0.0.1", port).jdbcUrl(cluster.engine(), database);
    }

    private Optional<Endpoint> customEndpointLocked(String name) {
        return dns.customTarget(name).map(target -> new Endpoint(names.customHost(name), ipOf(target),
                customPortLocked(name)));
    }

    private int customPortLocked(String name) {
        EndpointListener dispatch = customDispatch.get(name);
        return dispatch != null ? dispatch.port() : sharedPort;
    }

    public Endpoint clusterEndpoint() {
        synchronized (lock) {
            return clusterEndpointLocked();
        }
    }

    /**
     * The instance the cluster endpoint's name points at now: after a failover, the old writer until
     * the DNS delay has passed. The only way to see it in the port-per-instance layout, where every
     * instance shares 127.0.0.1.
     */
    public String clusterEndpointTarget() {
        synchronized (lock) {
            return dns.writerTarget();
        }
    }

    public Endpoint readerEndpoint() {
        synchronized (lock) {
            return readerEndpointLocked();
        }
    }

    public Endpoint instanceEndpoint(String instanceId) {
        synchronized (lock) {
            return endpointOf(require(instanceId));
        }
    }

    /** A raw-driver JDBC URL for the cluster (writer) endpoint, by hostname. */
    public String clusterUrl(String database) {
        return clusterEndpoint().jdbcUrl(cluster.engine(), database);
    }

    public String readerUrl(String database) {
        return readerEndpoint().jdbcUrl(cluster.engine(), database);
    }

    public String instanceUrl(String instanceId, String database) {
        return instanceEndpoint(instanceId).jdbcUrl(cluster.engine(), database);
    }

    private Endpoint clusterEndpointLocked() {
        int port = clusterDispatch != null ? clusterDispatch.port() : sharedPort;
        return new Endpoint(names.clusterHost(), ipOf(dns.writerTarget()), port);
    }

    private Endpoint readerEndpointLocked() {
        int port = readerDispatch != null ? readerDispatch.port() : sharedPort;
        return new Endpoint(names.readerHost(), ipOf(dns.readerTarget()), port);
    }

    private Endpoint endpointOf(InstanceNetwork network) {
        return new Endpoint(names.instanceHost(network.id), network.ip, network.listener.port());
    }

    // ---------------------------------------------------------------- faults

    /** Applies a network fault to one instance's endpoint. */
    public void inject(String instanceId, NetworkFault fault) {
        InstanceNetwork network;
        synchronized (lock) {
            network = require(instanceId);
        }
        if (fault instanceof NetworkFault.Reset) {
            network.dropConnections(true);
            network.gate.set(NetworkFault.NORMAL);
        } else {
            network.gate.set(fault);
        }
        if (!(fault instanceof NetworkFault.Blackhole)) {
            network.healed();
        }
        LOG.info(() -> "cluster " + cluster.name() + ": network of " + instanceId + " is now " + fault);
    }

    public NetworkFault networkFault(String instanceId) {
        synchronized (lock) {
            return require(instanceId).gate.mode();
        }
    }

    /** Number of open client connections to the instance. */
    public int connectionCount(String instanceId) {
        synchronized (lock) {
            return require(instanceId).connections.size();
        }
    }

    private InstanceNetwork require(String instanceId) {
        InstanceNetwork network = networks.get(instanceId);
        if (network == null) {
            throw new IllegalArgumentException("cluster " + cluster.name() + ": no instance '" + instanceId
                    + "' (instances: " + String.join(", ", networks.keySet()) + ")");
        }
        return network;
    }

    // ---------------------------------------------------------------- close

    /** Stops listening, closes every client socket, waits for the threads and removes the hosts entries. */
    @Override
    public void close() {
        List<EndpointListener> dispatchers = new ArrayList<>();
        List<InstanceNetwork> all;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(networks.values());
            networks.clear();
            if (clusterDispatch != null) {
                dispatchers.add(clusterDispatch);
            }
            if (readerDispatch != null) {
                dispatchers.add(readerDispatch);
            }
            dispatchers.addAll(customDispatch.values());
            customDispatch.clear();
        }
        cluster.removeListener(events);
        timer.shutdownNow();
        dispatchers.forEach(EndpointListener::close);
        all.forEach(InstanceNetwork::close);
        connections.join(5_000);
        removeHosts();
        block.close();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void removeHosts() {
        try {
            hosts.writeSection(List.of());
            if (ownHostsFile) {
                Files.deleteIfExists(hosts.path());
                Files.deleteIfExists(hosts.path().resolveSibling(hosts.path().getFileName() + ".lock"));
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cluster " + cluster.name() + ": cannot clean up hosts file " + hosts.path(), e);
        }
    }

    @Override
    public String toString() {
        return "ClusterServer[" + cluster.name() + ", " + (block.distinct() ? "shared port " + sharedPort : "port per instance")
                + ", hosts " + hosts.path() + "]";
    }
}

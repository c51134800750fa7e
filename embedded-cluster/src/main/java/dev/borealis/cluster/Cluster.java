package dev.borealis.cluster;

import dev.borealis.cluster.compute.ComputeInstance;
import dev.borealis.cluster.compute.InstanceContext;
import dev.borealis.cluster.storage.Volume;
import dev.borealis.cluster.storage.VolumeStatus;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An in-process Aurora-like cluster: one writer and up to 15 readers over one quorum-replicated
 * storage volume. Every operation (failover, crash, restart, membership, backtrack) is serialised by
 * one lock; automatic reactions (failover after a writer crash, reboot of crashed instances) run on
 * the cluster's own control thread, which {@link #close()} stops.
 */
public final class Cluster implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Cluster.class.getName());
    private static final long ENGINE_PROBE_MS = 1_000;
    private static final AtomicLong UIDS = new AtomicLong();

    private final ClusterSettings settings;
    private final Volume volume;
    private final InstanceContext context;
    private final ReentrantLock ops = new ReentrantLock();
    private final Condition changed = ops.newCondition();
    private final Map<String, ComputeInstance> instances = new LinkedHashMap<>();
    /**
     * The instances as of the last membership change, readable without {@code ops}: a session answering a
     * topology query reads it while an operation holding {@code ops} may be waiting to kill that very session.
     */
    private volatile List<ComputeInstance> members = List.of();
    private final List<ClusterListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService control;
    private final Users users;
    private final CustomEndpoints customEndpoints;
    private final dev.borealis.cluster.compute.Materializer materializer;
    private volatile String writerId;
    private volatile boolean closed;

    private Cluster(ClusterSettings settings, Volume volume) {
        this.settings = settings;
        this.volume = volume;
        this.users = new Users(settings.users());
        this.customEndpoints = new CustomEndpoints(settings.name());
        String uid = "b" + UIDS.incrementAndGet() + "_" + settings.name();
        this.context = new InstanceContext(settings.name(), uid, settings.engine(), volume, settings.ticker(),
                settings.clock(), settings.commitTimeout(), settings.lockTimeout(), this::topology, this::onFatal,
                this::onAvailable);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "borealis-" + settings.name() + "-control");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.control = executor;
        this.materializer = new dev.borealis.cluster.compute.Materializer(volume, settings.engine(), uid,
                settings.name(), settings.checkpointInterval(), this::discardLogThrough);
    }

    public static ClusterBuilder builder() {
        return new ClusterBuilder();
    }

    static Cluster start(ClusterSettings settings, Volume volume) {
        Cluster cluster = new Cluster(settings, volume);
        try {
            cluster.startInstances();
            cluster.materializer.start();
            cluster.startEngineProbes();
        } catch (SQLException | RuntimeException e) {
            cluster.close();
            throw new IllegalStateException("cluster " + settings.name() + ": could not start: " + e.getMessage(), e);
        }
        return cluster;
    }

    private void startInstances() throws SQLException {
        ops.lock();
        try {
            int index = 0;
            for (ClusterSettings.InstanceSpec spec : settings.instances()) {
                ComputeInstance instance = new ComputeInstance(context, spec.id(), spec.tier(), spec.instanceClass(),
                        spec.lag(), "az" + (index++ % 3 + 1));
                instances.put(spec.id(), instance);
                members = List.copyOf(instances.values());
            }
            ComputeInstance writer = instances.get(settings.instances().get(0).id());
            writerId = writer.id();
            writer.startAsWriter(volume.recoverForNewWriter());
            for (ComputeInstance instance : instances.values()) {
                if (instance != writer) {
                    instance.startAsReader();
                }
            }
        } finally {
            ops.unlock();
        }
        for (String id : List.copyOf(instances.keySet())) {
            if (!awaitAvailable(id, Duration.ofSeconds(30))) {
                throw new IllegalStateException("instance " + id + " did not become available within 30 s");
            }
        }
    }

    // ---------------------------------------------------------------- queries

    public String name() {
        return settings.name();
    }

    public Engine engine() {
        return settings.engine();
    }

    public ClusterSettings settings() {
        return settings;
    }

    public Users users() {
        return users;
    }

    public Topology topology() {
        List<InstanceStatus> rows = new ArrayList<>();
        for (ComputeInstance instance : snapshot()) {
            rows.add(instance.status());
        }
        return new Topology(settings.name(), settings.engine(), writerId, volume.epoch(), volume.durableLsn(), rows);
    }

    /** The current writer (possibly crashed, while a failover is pending). */
    public Instance writer() {
        return instance(writerId);
    }

    public Instance instance(String id) {
        ops.lock();
        try {
            ComputeInstance instance = instances.get(id);
            if (instance == null) {
                throw new IllegalArgumentException("cluster " + name() + ": no instance '" + id + "' (instances: "
                        + String.join(", ", instances.keySet()) + ")");
            }
            return instance;
        } finally {
            ops.unlock();
        }
    }

    public List<Instance> instances() {
        return List.copyOf(snapshot());
    }

    public Session openSession(String instanceId) throws SQLException {
        return instance(instanceId).openSession();
    }

    public Session openWriterSession() throws SQLException {
        return writer().openSession();
    }

    public VolumeStatus storage() {
        return volume.status();
    }

    /** LSN of the latest storage checkpoint (0: none yet). */
    public long checkpointLsn() {
        var image = volume.checkpoint();
        return image == null ? 0 : image.lsn();
    }

    /** The kept log starts after this LSN (0: nothing discarded yet). */
    public long logStartLsn() {
        return volume.logStartLsn();
    }

    public void addListener(ClusterListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ClusterListener listener) {
        listeners.remove(listener);
    }

    // ---------------------------------------------------------------- operations

    /** Fails over to the reader the promotion rules pick: lowest tier, then largest, then any (by id). */
    public String failover() {
        return locked(() -> {
            ComputeInstance target = pickPromotionTarget()
                    .orElseThrow(() -> new IllegalStateException("cluster " + name()
                            + ": cannot fail over, no available reader (" + describe() + ")"));
            promote(target);
            return target.id();
        });
    }

    /** Fails over to the named reader. */
    public void failover(String targetId) {
        locked(() -> {
            ComputeInstance target = require(targetId);
            if (target.id().equals(writerId)) {
                throw new IllegalArgumentException("cluster " + name() + ": failover target '" + targetId
                        + "' is already the writer");
            }
            if (target.state() != InstanceState.AVAILABLE) {
                throw new IllegalStateException("cluster " + name() + ": failover target '" + targetId + "' is "
                        + target.state());
            }
            promote(target);
            return null;
        });
    }

    /** Crashes an instance. A crashed writer is replaced after the failover delay; crashed instances reboot. */
    public void crash(String id) {
        locked(() -> {
            ComputeInstance instance = require(id);
            if (instance.state() != InstanceState.AVAILABLE) {
                throw new IllegalStateException("cluster " + name() + ": instance '" + id + "' is " + instance.state()
                        + ", it cannot crash");
            }
            crashNow(instance, "instance crashed");
            return null;
        });
    }

    /** Restarts an instance; it rejoins as a reader once caught up (a restarted writer hands over first). */
    public void restart(String id) {
        locked(() -> {
            ComputeInstance instance = require(id);
            if (id.equals(writerId)) {
                Optional<ComputeInstance> target = pickPromotionTarget();
                if (target.isPresent() && instance.state() == InstanceState.AVAILABLE) {
                    promote(target.get());
                    instance.startAsReader();
                } else {
                    crashNow(instance, "instance restarting");
                    restartWriterInPlace(instance);
                }
            } else {
                if (instance.state() == InstanceState.AVAILABLE) {
                    instance.crash("instance restarting", InstanceState.CRASHED);
                    notifyDown(instance);
                }
                instance.startAsReader();
            }
            topologyChanged();
            return null;
        });
    }

    public Instance addReader(String id, int tier) {
        return locked(() -> {
            ClusterSettings.checkId("instance id", id);
            ClusterSettings.checkTier(tier);
            if (instances.containsKey(id)) {
                throw new IllegalArgumentException("cluster " + name() + ": instance id '" + id + "' is already in use");
            }
            if (instances.size() >= ClusterSettings.MAX_READERS + 1) {
                throw new IllegalStateException("cluster " + name() + ": readers: already "
                        + ClusterSettings.MAX_READERS + " (the maximum)");
            }
            ComputeInstance instance = new ComputeInstance(context, id, tier, InstanceClass.DEFAULT, settings.replicaLag(),
                    "az" + (instances.size() % 3 + 1));
            instances.put(id, instance);
            members = List.copyOf(instances.values());
            instance.startAsReader();
            topologyChanged();
            return instance;
        });
    }

    public void removeReader(String id) {
        locked(() -> {
            ComputeInstance instance = require(id);
            if (id.equals(writerId)) {
                throw new IllegalArgumentException("cluster " + name() + ": '" + id
                        + "' is the writer; fail over before removing it");
            }
            instance.crash("instance removed", InstanceState.STOPPED);
            instances.remove(id);
            members = List.copyOf(instances.values());
            customEndpoints.instanceRemoved(id);
            notifyDown(instance);
            topologyChanged();
            return null;
        });
    }

    // ---------------------------------------------------------------- custom endpoints

    /** The custom endpoints, in creation order; readable at any time (no operation lock). */
    public List<CustomEndpoint> customEndpoints() {
        return customEndpoints.all();
    }

    public Optional<CustomEndpoint> customEndpoint(String name) {
        return customEndpoints.find(name);
    }

    /** Creates a custom endpoint; every listed instance must exist, the name must be new (Aurora's limits apply). */
    public CustomEndpoint createCustomEndpoint(CustomEndpoint endpoint) {
        if (endpoint == null) {
            throw new IllegalArgumentException("cluster " + name() + ": createCustomEndpoint: the endpoint is required");
        }
        return locked(() -> {
            customEndpoints.create(endpoint, instances.keySet());
            LOG.info(() -> "cluster " + name() + ": created custom endpoint " + endpoint);
            topologyChanged();
            return endpoint;
        });
    }

    /** Replaces the type and member list of an existing custom endpoint. */
    public CustomEndpoint modifyCustomEndpoint(CustomEndpoint endpoint) {
        if (endpoint == null) {
            throw new IllegalArgumentException("cluster " + name() + ": modifyCustomEndpoint: the endpoint is required");
        }
        return locked(() -> {
            customEndpoints.modify(endpoint, instances.keySet());
            LOG.info(() -> "cluster " + name() + ": modified custom endpoint " + endpoint);
            topologyChanged();
            return endpoint;
        });
    }

    public CustomEndpoint deleteCustomEndpoint(String name) {
        return locked(() -> {
            CustomEndpoint gone = customEndpoints.delete(name);
            LOG.info(() -> "cluster " + name() + ": deleted custom endpoint " + name);
            topologyChanged();
            return gone;
        });
    }

    public void setReplicaLag(String id, Duration lag) {
        ClusterSettings.checkLag("replica lag of " + id, lag);
        ((ComputeInstance) instance(id)).setReplicaLag(lag);
    }

    public void failAz(int az) {
        volume.failAz(az);
    }

    public void recoverAz(int az) {
        volume.recoverAz(az);
    }

    public void failSegment(int segment) {
        volume.failSegment(segment);
    }

    public void recoverSegment(int segment) {
        volume.recoverSegment(segment);
    }

    /**
     * Rewinds the whole cluster to the last commit at or before {@code lsn}: every session is closed,
     * uncommitted work is dropped, and every instance restarts from the rewound volume.
     *
     * @return the LSN the cluster now stands at
     */
    public long backtrack(long lsn) {
        return locked(() -> {
            for (ComputeInstance instance : instances.values()) {
                if (instance.state() == InstanceState.AVAILABLE || instance.state() == InstanceState.STARTING) {
                    instance.crash("backtrack in progress", InstanceState.CRASHED);
                    notifyDown(instance);
                }
            }
            long at = volume.backtrackTo(lsn);
            ComputeInstance writer = instances.get(writerId);
            writer.startAsWriter(volume.epoch());
            for (ComputeInstance instance : instances.values()) {
                if (instance != writer) {
                    instance.startAsReader();
                }
            }
            topologyChanged();
            return at;
        });
    }

    /** Rewinds the cluster to the last commit at or before {@code time}. */
    public long backtrack(Instant time) {
        return backtrack(volume.lsnAtTime(time.toEpochMilli()));
    }

    /**
     * A new cluster (its own instances, its own volume) sharing this cluster's durable history up to
     * now, and diverging from it afterwards: Aurora's fast clone.
     */
    public Cluster cloneAs(String newName) {
        ClusterSettings.checkId("cluster name", newName);
        ClusterSettings cloned = settings.renamed(newName);
        return start(cloned, Volume.cloneOf(volume));
    }

    /** Waits until the instance is AVAILABLE; false on timeout. */
    public boolean awaitAvailable(String id, Duration timeout) {
        return awaitCondition(timeout, () -> {
            ComputeInstance instance = instances.get(id);
            return instance != null && instance.state() == InstanceState.AVAILABLE;
        });
    }

    /** Waits until the writer is AVAILABLE (e.g. after a crash, for the automatic failover); false on timeout. */
    public boolean awaitWriter(Duration timeout) {
        return awaitCondition(timeout, () -> {
            ComputeInstance writer = instances.get(writerId);
            return writer != null && writer.state() == InstanceState.AVAILABLE && writer.role() == Role.WRITER;
        });
    }

    /** Waits until every available reader shows everything durable now; false on timeout. */
    public boolean awaitReplication(Duration timeout) {
        long target = volume.durableLsn();
        long deadline = settings.ticker().nanos() + timeout.toNanos();
        while (true) {
            boolean done = snapshot().stream()
                    .filter(i -> i.role() == Role.READER && i.state() == InstanceState.AVAILABLE)
                    .allMatch(i -> i.appliedLsn() >= target);
            if (done) {
                return true;
            }
            if (settings.ticker().nanos() >= deadline) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    @Override
    public void close() {
        materializer.stop(); // before the lock: it takes the lock itself to collect the log
        ops.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            control.shutdownNow();
            for (ComputeInstance instance : instances.values()) {
                if (instance.state() != InstanceState.STOPPED) {
                    instance.crash("cluster closed", InstanceState.STOPPED);
                    notifyDown(instance);
                }
            }
            volume.close();
            changed.signalAll();
        } finally {
            ops.unlock();
        }
        try {
            control.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "Cluster[" + name() + ", " + engine() + ", writer=" + writerId + ", instances=" + instances.keySet() + "]";
    }

    // ---------------------------------------------------------------- internals

    private void promote(ComputeInstance target) throws SQLException {
        ComputeInstance old = instances.get(writerId);
        if (old != null && old.state() == InstanceState.AVAILABLE) {
            old.crash("failover: the writer reboots as a reader", InstanceState.CRASHED);
            notifyDown(old);
        }
        long epoch = volume.recoverForNewWriter();
        target.promote(epoch);
        notifyDown(target);
        writerId = target.id();
        LOG.info(() -> "cluster " + name() + ": " + target.id() + " promoted to writer (epoch " + epoch + ")");
        if (old != null && old != target) {
            scheduleReboot(old);
        }
        topologyChanged();
    }

    private void crashNow(ComputeInstance instance, String reason) {
        instance.crash(reason, InstanceState.CRASHED);
        notifyDown(instance);
        topologyChanged();
        if (instance.id().equals(writerId)) {
            schedule(settings.failoverDelay(), () -> {
                if (instance.id().equals(writerId) && instance.state() == InstanceState.CRASHED) {
                    Optional<ComputeInstance> target = pickPromotionTarget();
                    if (target.isPresent()) {
                        promote(target.get());
                    } else {
                        restartWriterInPlace(instance);
                    }
                }
            });
        } else {
            scheduleReboot(instance);
        }
    }

    private void restartWriterInPlace(ComputeInstance instance) throws SQLException {
        instance.startAsWriter(volume.recoverForNewWriter());
        LOG.info(() -> "cluster " + name() + ": writer " + instance.id() + " restarted in place");
        topologyChanged();
    }

    private void scheduleReboot(ComputeInstance instance) {
        if (!settings.autoRestart()) {
            return;
        }
        schedule(settings.rebootDelay(), () -> {
            if (instance.state() == InstanceState.CRASHED && instances.get(instance.id()) == instance
                    && !instance.id().equals(writerId)) {
                instance.startAsReader();
                topologyChanged();
            }
        });
    }

    /**
     * Storage garbage collection after a checkpoint: discards the log up to it, but never what a
     * reader that is running or starting has not applied yet. Skipped when operations are busy.
     */
    private void discardLogThrough(long checkpointLsn) {
        try {
            if (!ops.tryLock(100, TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            long keepFrom = checkpointLsn;
            for (ComputeInstance instance : instances.values()) {
                boolean live = instance.state() == InstanceState.AVAILABLE || instance.state() == InstanceState.STARTING;
                if (live && instance.role() == Role.READER) {
                    keepFrom = Math.min(keepFrom, instance.appliedLsn());
                }
            }
            volume.discardThrough(keepFrom);
        } finally {
            ops.unlock();
        }
    }

    /**
     * Every second, asks each available instance whether its H2 database still exists: an engine can die
     * (H2 shuts a database down on OutOfMemoryError) while no session or apply step touches it, and it must
     * not stay "available" in the topology until one does. Without the operations lock: a dead engine
     * is handed to {@link #onFatal}, which takes it.
     */
    private void startEngineProbes() {
        control.scheduleWithFixedDelay(() -> {
            for (ComputeInstance instance : members) {
                try {
                    if (!closed && instance.state() == InstanceState.AVAILABLE) {
                        instance.probeEngine();
                    }
                } catch (Throwable e) { // the probe must outlive what it finds
                    LOG.log(Level.SEVERE, "cluster " + name() + ": engine probe of " + instance.id() + " failed", e);
                }
            }
        }, ENGINE_PROBE_MS, ENGINE_PROBE_MS, TimeUnit.MILLISECONDS);
    }

    /** Called on the instance's apply thread: hand over to the control thread, never take the lock here. */
    private void onAvailable(ComputeInstance instance) {
        if (closed) {
            return;
        }
        try {
            control.execute(() -> {
                ops.lock();
                try {
                    changed.signalAll();
                } finally {
                    ops.unlock();
                }
                topologyChanged();
            });
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // the cluster is closing
        }
    }

    /**
     * Called on any thread when an instance's engine can no longer be trusted. The instance has already
     * left the available set; here its sessions are disconnected and it is rebuilt from storage (a
     * reader reboots; the writer fails over, or restarts in place when no reader can take over).
     */
    private void onFatal(ComputeInstance instance, String reason) {
        schedule(Duration.ZERO, () -> {
            if (instance.state() == InstanceState.AVAILABLE || instance.hasFailed()) {
                LOG.warning(() -> "cluster " + name() + ": instance " + instance.id() + " restarts: " + reason);
                crashNow(instance, reason);
            }
        });
    }

    private interface Op<T> {
        T run() throws SQLException;
    }

    private interface Task {
        void run() throws SQLException;
    }

    /**
     * Runs a recovery task on the control thread under the operations lock. Each task re-checks the state
     * it acts on, so one that fails (an OutOfMemoryError while a rebuilt instance loads its checkpoint, a
     * promotion target that went away) is tried again, after a pause that doubles up to 5 s: an instance
     * must not stay down for good because one rebuild failed.
     */
    private void schedule(Duration delay, Task task) {
        if (closed) {
            return;
        }
        control.schedule(() -> {
            try {
                locked(() -> {
                    if (!closed) {
                        task.run();
                    }
                    return null;
                });
            } catch (Throwable e) { // an Error too: the control thread must survive it
                Duration retry = Duration.ofMillis(Math.min(5_000, Math.max(250, delay.toMillis() * 2)));
                LOG.log(Level.SEVERE, "cluster " + name() + ": scheduled recovery failed, retrying in "
                        + retry.toMillis() + " ms", e);
                schedule(retry, task);
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private <T> T locked(Op<T> op) {
        ops.lock();
        try {
            if (closed) {
                throw new IllegalStateException("cluster " + name() + " is closed");
            }
            return op.run();
        } catch (SQLException e) {
            throw new IllegalStateException("cluster " + name() + ": " + e.getMessage(), e);
        } finally {
            changed.signalAll();
            ops.unlock();
        }
    }

    private boolean awaitCondition(Duration timeout, java.util.function.BooleanSupplier condition) {
        long left = timeout.toNanos();
        ops.lock();
        try {
            while (!condition.getAsBoolean()) {
                if (left <= 0 || closed) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            ops.unlock();
        }
    }

    private Optional<ComputeInstance> pickPromotionTarget() {
        return instances.values().stream()
                .filter(i -> !i.id().equals(writerId) && i.state() == InstanceState.AVAILABLE && i.role() == Role.READER)
                .min(Comparator.comparingInt(ComputeInstance::tier)
                        .thenComparing(ComputeInstance::instanceClass, Comparator.reverseOrder())
                        .thenComparing(ComputeInstance::id));
    }

    private ComputeInstance require(String id) {
        ComputeInstance instance = instances.get(id);
        if (instance == null) {
            throw new IllegalArgumentException("cluster " + name() + ": no instance '" + id + "' (instances: "
                    + String.join(", ", instances.keySet()) + ")");
        }
        return instance;
    }

    private List<ComputeInstance> snapshot() {
        return members;
    }

    private String describe() {
        StringBuilder b = new StringBuilder();
        for (ComputeInstance i : instances.values()) {
            b.append(b.length() == 0 ? "" : ", ").append(i.id()).append(' ').append(i.role()).append(' ').append(i.state());
        }
        return b.toString();
    }

    private void notifyDown(ComputeInstance instance) {
        for (ClusterListener listener : listeners) {
            try {
                listener.instanceDown(instance.id());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cluster listener failed", e);
            }
        }
    }

    private void topologyChanged() {
        Topology topology = topology();
        for (ClusterListener listener : listeners) {
            try {
                listener.topologyChanged(topology);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cluster listener failed", e);
            }
        }
    }
}

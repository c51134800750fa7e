package dev.borealis.cluster.compute;

import dev.borealis.cluster.ClusterSqlException;
import dev.borealis.cluster.Engine;
import dev.borealis.cluster.EngineErrors;
import dev.borealis.cluster.Instance;
import dev.borealis.cluster.InstanceState;
import dev.borealis.cluster.InstanceStatus;
import dev.borealis.cluster.InstanceSurface;
import dev.borealis.cluster.Instances;
import dev.borealis.cluster.Role;
import dev.borealis.cluster.Session;
import dev.borealis.cluster.Topology;
import dev.borealis.cluster.storage.RedoChunk;
import dev.borealis.cluster.storage.RedoRecord;
import dev.borealis.cluster.storage.StorageException;
import dev.borealis.cluster.storage.Volume;
import dev.borealis.cluster.storage.VolumeTransaction;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A compute instance: an H2 database that caches the volume, with sessions on top.
 *
 * <p>States (see {@link InstanceState}): STARTING (a new database generation replays the durable
 * log) → AVAILABLE → CRASHED (database shut down, sessions dead) → STARTING … → STOPPED. Each start
 * makes a new generation: sessions of an earlier generation are dead for good, as a client's TCP
 * connection to a crashed server is. As a READER an apply thread replays durable transactions
 * after the configured lag; as the WRITER sessions append their commits to the volume with its epoch.
 * Life-cycle methods are called by the cluster under its operations lock.
 */
public final class ComputeInstance implements Instance {

    private static final Logger LOG = Logger.getLogger(ComputeInstance.class.getName());
    private static final AtomicLong SESSION_IDS = new AtomicLong();
    private static final List<InstanceSurface> SURFACES = loadSurfaces();

    private final InstanceContext context;
    private final String id;
    private final int tier;
    private final dev.borealis.cluster.InstanceClass instanceClass;
    private final String availabilityZone;
    private final ReentrantReadWriteLock ddlGate = new ReentrantReadWriteLock();
    private final Set<H2Session> sessions = ConcurrentHashMap.newKeySet();

    private volatile Duration lag;
    private volatile Role role = Role.READER;
    private final java.util.concurrent.atomic.AtomicReference<InstanceState> state =
            new java.util.concurrent.atomic.AtomicReference<>(InstanceState.STOPPED);
    private volatile long epoch;
    private volatile Generation generation;
    private volatile Replica replica;
    private int generationCounter;
    private volatile RuntimeException nextStartFailure;

    /** One incarnation of the database; dies with a crash. */
    static final class Generation {
        final String databaseName;
        final String url;
        final Connection system;
        /** The checkpoint LSN the database was loaded at (0: built from an empty database). */
        final long loadedLsn;
        volatile String deathReason;

        Generation(String databaseName, String url, Connection system, long loadedLsn) {
            this.databaseName = databaseName;
            this.url = url;
            this.system = system;
            this.loadedLsn = loadedLsn;
        }

        /**
         * The URL sessions open: {@code IFEXISTS} because an in-memory URL would otherwise create a new,
         * empty database of the same name once H2 has shut this one down (it does on OutOfMemoryError).
         */
        String sessionUrl() {
            return url + ";IFEXISTS=TRUE";
        }
    }

    public ComputeInstance(InstanceContext context, String id, int tier, dev.borealis.cluster.InstanceClass instanceClass,
                           Duration lag, String availabilityZone) {
        this.context = context;
        this.id = id;
        this.tier = tier;
        this.instanceClass = instanceClass;
        this.lag = lag;
        this.availabilityZone = availabilityZone;
    }

    // ---------------------------------------------------------------- Instance

    @Override
    public String id() {
        return id;
    }

    @Override
    public Role role() {
        return role;
    }

    @Override
    public InstanceState state() {
        return state.get();
    }

    @Override
    public int tier() {
        return tier;
    }

    @Override
    public dev.borealis.cluster.InstanceClass instanceClass() {
        return instanceClass;
    }

    @Override
    public Duration replicaLag() {
        return lag;
    }

    @Override
    public String availabilityZone() {
        return availabilityZone;
    }

    @Override
    public Engine engine() {
        return context.engine();
    }

    @Override
    public String clusterName() {
        return context.clusterName();
    }

    @Override
    public Topology topology() {
        return context.topology().get();
    }

    @Override
    public long appliedLsn() {
        Replica r = replica;
        return r != null ? r.appliedLsn : role == Role.WRITER ? context.volume().durableLsn() : 0;
    }

    @Override
    public Session openSession() throws SQLException {
        Generation g = generation;
        if (state.get() != InstanceState.AVAILABLE || g == null) {
            throw EngineErrors.instanceUnavailable(engine(), id, state.get());
        }
        Connection connection;
        try {
            connection = connect(g.sessionUrl());
            try (Statement st = connection.createStatement()) {
                st.execute("SET LOCK_TIMEOUT " + context.lockTimeout().toMillis());
                // Queries stream where H2 can (a COUNT over a fifty-million-row subquery needs no heap);
                // what cannot stream (sorts, DISTINCT, grouping) is watched by the MemoryGuard.
                st.execute("SET LAZY_QUERY_EXECUTION TRUE");
            }
        } catch (SQLException e) {
            checkEngine(g, e);
            ClusterSqlException lost = EngineErrors.instanceUnavailable(engine(), id, state.get());
            lost.initCause(e);
            throw lost;
        }
        H2Session session = new H2Session(SESSION_IDS.incrementAndGet(), this, g, connection);
        sessions.add(session);
        if (generation != g || state.get() != InstanceState.AVAILABLE) {
            session.kill();
            sessions.remove(session);
            throw EngineErrors.instanceUnavailable(engine(), id, state.get());
        }
        return session;
    }

    public void setReplicaLag(Duration lag) {
        this.lag = lag;
        Replica r = replica;
        if (r != null) {
            r.wake();
        }
    }

    /** The row this instance contributes to the topology. */
    public InstanceStatus status() {
        Replica r = replica;
        long nowNanos = context.ticker().nanos();
        double lagMillis = 0;
        Instant updated = Instant.ofEpochMilli(context.clock().millis());
        long applied = appliedLsn();
        if (role == Role.READER && r != null) {
            lagMillis = r.currentLagMillis(nowNanos);
        }
        double cpu = state.get() == InstanceState.AVAILABLE ? Math.min(100.0, 2.0 + sessions.size() * 0.5) : 0.0;
        return new InstanceStatus(id, role, state.get(), tier, availabilityZone, lagMillis, lag.toMillis(), updated,
                applied, cpu);
    }

    // ---------------------------------------------------------------- life cycle (cluster operations lock held)

    /**
     * Starts a new database generation as a reader. Returns at once in STARTING: the apply thread
     * replays the durable log and makes the instance AVAILABLE when it has caught up, as an Aurora
     * replica rejoins after its reboot.
     */
    public void startAsReader() throws SQLException {
        role = Role.READER;
        try {
            Generation g = startGeneration();
            Replica r = new Replica(g);
            r.appliedLsn = g.loadedLsn;
            replica = r;
            r.start();
        } catch (SQLException | RuntimeException | Error e) {
            crash("start failed: " + e, InstanceState.CRASHED); // CRASHED, so that a retry starts it again
            throw e;
        }
    }

    /** Starts a new database generation, replays the durable log, and serves as the writer with {@code epoch}. */
    public void startAsWriter(long newEpoch) throws SQLException {
        try {
            Generation g = startGeneration();
            try (RedoApplier applier = new RedoApplier(g.system)) {
                replay(applier, g.loadedLsn);
            }
            becomeWriter(g, newEpoch);
        } catch (SQLException | RuntimeException | Error e) {
            crash("start failed: " + e, InstanceState.CRASHED); // CRASHED, so that a retry starts it again
            throw e;
        }
    }

    /** Promotes this reader: stops applying, catches up to the durable end, reboots its sessions, takes writes. */
    public void promote(long newEpoch) throws SQLException {
        Replica r = replica;
        if (r == null || state.get() != InstanceState.AVAILABLE) {
            throw new IllegalStateException("instance " + id + " cannot be promoted: it is " + state.get());
        }
        r.stop();
        killSessions("rebooted for promotion to writer");
        Generation old = generation;
        Generation fresh = new Generation(old.databaseName, old.url, old.system, old.loadedLsn);
        generation = fresh;
        r.catchUp();
        replica = null;
        becomeWriter(fresh, newEpoch);
    }

    private void becomeWriter(Generation g, long newEpoch) throws SQLException {
        prepareIdentitiesForWrites(g.system);
        epoch = newEpoch;
        role = Role.WRITER;
        state.set(InstanceState.AVAILABLE);
    }

    /**
     * The engine of generation {@code g} can no longer be trusted (H2 shut its database down, an apply
     * thread died, a schema change missed storage): its sessions are dead at once, the instance leaves the
     * topology's available set, and the cluster rebuilds it from storage (a writer fails over). Any thread;
     * idempotent per generation.
     */
    void fail(Generation g, String reason, Throwable cause) {
        synchronized (g) {
            if (g.deathReason != null || generation != g) {
                return;
            }
            g.deathReason = reason;
        }
        if (!state.compareAndSet(InstanceState.AVAILABLE, InstanceState.CRASHED)) {
            state.compareAndSet(InstanceState.STARTING, InstanceState.CRASHED);
        }
        LOG.log(Level.SEVERE, "instance " + id + " (" + role + ") failed and is rebuilt from storage: " + reason,
                cause);
        context.onFatal().accept(this, reason);
    }

    /** True when the current generation failed and awaits its rebuild. */
    public boolean hasFailed() {
        Generation g = generation;
        return g != null && g.deathReason != null;
    }

    /**
     * A statement or a session open failed in a way that may mean H2 closed the database: asks H2 whether
     * the database is still there (a fresh connection that may not create it) and fails the generation if not.
     */
    void checkEngine(Generation g, SQLException cause) {
        if (g.deathReason != null || generation != g) {
            return;
        }
        try (Connection probe = connect(g.sessionUrl()); Statement st = probe.createStatement()) {
            st.execute("SELECT 1");
        } catch (SQLException | RuntimeException gone) {
            gone.addSuppressed(cause);
            fail(g, "the database engine stopped (" + cause.getMessage() + ")", gone);
        }
    }

    /** The periodic health check: fails the instance if H2 no longer has its database. */
    public void probeEngine() {
        Generation g = generation;
        if (g != null) {
            checkEngine(g, new SQLException("periodic engine probe", "08006"));
        }
    }

    /** Error codes after which H2 may have closed the database (checked with {@link #checkEngine}). */
    static boolean mayMeanEngineDeath(SQLException e) {
        switch (e.getErrorCode()) {
            case org.h2.api.ErrorCode.OUT_OF_MEMORY:
            case org.h2.api.ErrorCode.DATABASE_IS_CLOSED:
            case org.h2.api.ErrorCode.DATABASE_CALLED_AT_SHUTDOWN:
            case org.h2.api.ErrorCode.DATABASE_NOT_FOUND_WITH_IF_EXISTS_1:
            case org.h2.api.ErrorCode.OBJECT_CLOSED:
            case org.h2.api.ErrorCode.GENERAL_ERROR_1:
                return true;
            default:
                return e instanceof java.sql.SQLNonTransientConnectionException;
        }
    }

    /** The H2 URL of the current generation, for tests that kill the engine from outside. */
    String engineUrlForTest() {
        Generation g = generation;
        return g == null ? null : g.sessionUrl();
    }

    /** Makes the apply thread meet {@code failure} before its next step (tests of the recovery path). */
    void injectApplyFailureForTest(Throwable failure) {
        Replica r = replica;
        if (r == null) {
            throw new IllegalStateException("instance " + id + " has no apply thread (it is " + role + ", "
                    + state.get() + ")");
        }
        r.injected.set(failure);
        r.wake();
    }

    /** Crashes (or stops) the instance: the database goes away, every session dies. */
    public void crash(String reason, InstanceState newState) {
        Generation g = generation;
        state.set(newState);
        if (g != null) {
            g.deathReason = reason;
        }
        Replica r = replica;
        replica = null;
        if (r != null) {
            r.stop();
        }
        killSessions(reason);
        if (g != null) {
            shutdown(g);
        }
        generation = null;
    }

    /** Makes the next start meet {@code failure} (tests of the rebuild retry). */
    void failNextStartForTest(RuntimeException failure) {
        nextStartFailure = failure;
    }

    private Generation startGeneration() throws SQLException {
        state.set(InstanceState.STARTING);
        RuntimeException injected = nextStartFailure;
        if (injected != null) {
            nextStartFailure = null;
            throw injected;
        }
        String name = (context.clusterUid() + "_" + id + "_" + (++generationCounter))
                .toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String url = "jdbc:h2:mem:" + name + engine().h2Settings() + ";DB_CLOSE_DELAY=-1";
        Connection system = connect(url);
        Generation g = new Generation(system.getCatalog(), url, system, 0);
        try {
            Instances.register(g.databaseName, this);
            for (InstanceSurface surface : SURFACES) {
                if (surface.engine() == engine()) {
                    surface.install(system, this);
                }
            }
            long loaded = Checkpoints.load(system, context.volume().checkpoint());
            g = new Generation(g.databaseName, url, system, loaded);
            RedoTriggers.install(system);
            system.setAutoCommit(false);
        } catch (SQLException | RuntimeException | Error e) {
            shutdown(g); // a half-built database would stay in memory under its name
            throw e;
        }
        generation = g;
        return g;
    }

    private static Connection connect(String url) throws SQLException {
        Connection c = new org.h2.Driver().connect(url, new Properties());
        if (c == null) {
            throw new SQLException("H2 refused URL " + url, "08001");
        }
        return c;
    }

    private void shutdown(Generation g) {
        Instances.unregister(g.databaseName);
        try (Statement st = g.system.createStatement()) {
            st.execute("SHUTDOWN IMMEDIATELY");
        } catch (SQLException ignored) {
            // already closed
        }
        try {
            g.system.close();
        } catch (SQLException ignored) {
            // already closed
        }
    }

    private void killSessions(String reason) {
        for (H2Session session : new ArrayList<>(sessions)) {
            session.kill();
        }
        sessions.clear();
        LOG.log(Level.FINE, () -> "instance " + id + ": sessions closed (" + reason + ")");
    }

    /** Identity columns may lag their tables' contents on a former reader; move them past the maximum. */
    private static void prepareIdentitiesForWrites(Connection system) throws SQLException {
        List<String[]> identities = new ArrayList<>();
        try (Statement st = system.createStatement();
             ResultSet rs = st.executeQuery("SELECT table_schema, table_name, column_name, identity_base"
                     + " FROM information_schema.columns WHERE is_identity = 'YES'"
                     + " AND table_schema <> 'INFORMATION_SCHEMA' AND table_schema <> 'information_schema'")) {
            while (rs.next()) {
                identities.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
            }
        }
        try (Statement st = system.createStatement()) {
            for (String[] c : identities) {
                String table = Sql.quote(c[0]) + "." + Sql.quote(c[1]);
                try (ResultSet rs = st.executeQuery("SELECT MAX(" + Sql.quote(c[2]) + ") FROM " + table)) {
                    if (rs.next() && rs.getObject(1) != null) {
                        long next = rs.getLong(1) + 1;
                        long base = c[3] == null ? 1 : Long.parseLong(c[3]);
                        if (next > base) {
                            st.execute("ALTER TABLE " + table + " ALTER COLUMN " + Sql.quote(c[2]) + " RESTART WITH " + next);
                        }
                    }
                }
            }
        }
        system.commit();
    }

    private long replay(RedoApplier applier, long fromLsn) throws SQLException {
        long lsn = fromLsn;
        for (VolumeTransaction tx; (tx = context.volume().nextTransaction(lsn)) != null; ) {
            applier.apply(tx);
            lsn = tx.commitLsn();
        }
        return lsn;
    }

    // ---------------------------------------------------------------- writer paths (session threads)

    /** Appends a transaction's redo under the DDL gate and waits until it is durable. */
    void makeDurable(List<RedoRecord> records) {
        long timeout = context.commitTimeout().toNanos();
        RedoChunk chunk;
        ddlGate.readLock().lock();
        try {
            chunk = context.volume().append(epoch, records, timeout);
        } finally {
            ddlGate.readLock().unlock();
        }
        context.volume().awaitDurable(chunk, timeout);
    }

    /**
     * Runs a DDL statement and logs it, excluding commits meanwhile, so that no transaction that
     * depends on the change can reach the log before it. H2 makes DDL wait for table locks held by open
     * transactions, which need the gate to commit: so the DDL waits for locks only briefly, releases
     * the gate and tries again, until the lock timeout.
     */
    void executeDdl(Connection connection, String sql, BooleanSupplier cancelled) throws SQLException {
        long deadline = context.ticker().nanos() + context.lockTimeout().toNanos();
        RedoChunk chunk;
        while (true) {
            ddlGate.writeLock().lock();
            try {
                if (!tryDdl(connection, sql, deadline, cancelled)) {
                    continue;
                }
                RedoTriggers.afterDdl(connection, sql);
                connection.commit();
                chunk = appendDdl(connection, sql);
            } finally {
                ddlGate.writeLock().unlock();
            }
            break;
        }
        try {
            context.volume().awaitDurable(chunk, context.commitTimeout().toNanos());
        } catch (StorageException e) {
            throw divergedByDdl(e);
        }
    }

    private RedoChunk appendDdl(Connection connection, String sql) throws SQLException {
        try {
            return context.volume().append(epoch, List.of(new RedoRecord.Ddl(connection.getSchema(), sql)),
                    context.commitTimeout().toNanos());
        } catch (StorageException e) {
            throw divergedByDdl(e);
        }
    }

    /**
     * The schema change is applied here but did not reach storage: this cache no longer matches the
     * volume, so the instance restarts from the volume (as Aurora restarts an instance that cannot
     * persist), and the client sees the connection drop.
     */
    private StorageException divergedByDdl(StorageException e) {
        Generation g = generation;
        if (g != null) {
            fail(g, "schema change could not be made durable: " + e.getMessage(), e);
        }
        return e;
    }

    /** True when the DDL ran; false when it should be retried after letting commits through. */
    private boolean tryDdl(Connection connection, String sql, long deadline, BooleanSupplier cancelled) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SET LOCK_TIMEOUT 50");
            try {
                st.execute(sql);
                return true;
            } catch (SQLException e) {
                boolean lockWait = e.getErrorCode() == org.h2.api.ErrorCode.LOCK_TIMEOUT_1;
                if (lockWait && context.ticker().nanos() < deadline && !cancelled.getAsBoolean()) {
                    return false;
                }
                throw e;
            } finally {
                st.execute("SET LOCK_TIMEOUT " + context.lockTimeout().toMillis());
            }
        }
    }

    boolean isDead(H2Session session) {
        return session.generation().deathReason != null || session.generation() != generation;
    }

    void sessionClosed(H2Session session) {
        sessions.remove(session);
    }

    public int sessionCount() {
        return sessions.size();
    }

    private static List<InstanceSurface> loadSurfaces() {
        List<InstanceSurface> list = new ArrayList<>();
        ServiceLoader.load(InstanceSurface.class, ComputeInstance.class.getClassLoader()).forEach(list::add);
        return List.copyOf(list);
    }

    // ---------------------------------------------------------------- replica

    /**
     * The apply loop of a reader: takes the next durable transaction, waits until its commit time plus
     * the lag has passed, applies it whole. States: WAITING_FOR_LOG → DELAYING → APPLYING → … → STOPPED.
     */
    private final class Replica implements Runnable {
        private final Object wakeUp = new Object();
        private final Thread thread;
        private final Generation generation;
        private RedoApplier applier;
        /** A failure a test makes the thread meet (see {@link #injectApplyFailureForTest}). */
        final InjectedFailure injected = new InjectedFailure();
        private volatile boolean running = true;
        volatile long appliedLsn;
        private volatile long lastCommitNanos;
        private volatile long lastApplyNanos;
        private volatile long pendingCommitNanos = -1;

        Replica(Generation g) throws SQLException {
            this.generation = g;
            this.applier = new RedoApplier(g.system);
            this.thread = new Thread(this, "borealis-" + context.clusterName() + "-" + id + "-apply");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        /** After {@link #stop()}: replays the rest of the durable log (promotion). */
        void catchUp() throws SQLException {
            appliedLsn = replay(applier, appliedLsn);
        }

        double currentLagMillis(long nowNanos) {
            long pending = pendingCommitNanos;
            long behind = pending >= 0 ? nowNanos - pending : 0;
            long last = lastApplyNanos - lastCommitNanos;
            return Math.max(0, Math.max(behind, pending >= 0 ? 0 : last)) / 1_000_000.0;
        }

        void wake() {
            synchronized (wakeUp) {
                wakeUp.notifyAll();
            }
            context.volume().wakeUp();
        }

        /** Stops the loop and waits for it; H2 is never interrupted mid-statement. */
        void stop() {
            synchronized (wakeUp) {
                running = false;
                wakeUp.notifyAll();
            }
            context.volume().wakeUp();
            if (Thread.currentThread() != thread) {
                try {
                    thread.join(TimeUnit.SECONDS.toMillis(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void delay(long nanos) throws InterruptedException {
            synchronized (wakeUp) {
                if (running) {
                    TimeUnit.NANOSECONDS.timedWait(wakeUp, nanos);
                }
            }
        }

        /**
         * Any Throwable ends the loop and fails the instance, which the cluster rebuilds from checkpoint and
         * log with a new apply thread: a reader whose apply stopped must never look available while it
         * falls behind for good.
         */
        @Override
        public void run() {
            try {
                applyLoop();
            } catch (InterruptedException e) {
                if (running) {
                    fail(generation, "replica apply thread interrupted", e);
                }
                Thread.currentThread().interrupt();
            } catch (Throwable e) {
                if (running) {
                    fail(generation, "replica apply failed: " + e, e);
                }
            }
        }

        private void applyLoop() throws SQLException, InterruptedException {
            while (running) {
                injected.throwIfSet();
                VolumeTransaction tx = context.volume().nextTransaction(appliedLsn);
                if (tx == null) {
                    pendingCommitNanos = -1;
                    if (state.compareAndSet(InstanceState.STARTING, InstanceState.AVAILABLE)) {
                        context.onAvailable().accept(ComputeInstance.this);
                    }
                    context.volume().awaitDurableBeyond(appliedLsn, TimeUnit.MILLISECONDS.toNanos(50));
                    continue;
                }
                boolean catchingUp = state.get() == InstanceState.STARTING;
                pendingCommitNanos = catchingUp ? -1 : tx.commitNanos();
                long wait = tx.commitNanos() + lag.toNanos() - context.ticker().nanos();
                if (wait > 0 && !catchingUp) {
                    delay(wait);
                    continue;
                }
                applier.apply(tx);
                appliedLsn = tx.commitLsn();
                lastCommitNanos = tx.commitNanos();
                lastApplyNanos = context.ticker().nanos();
            }
        }

    }
}

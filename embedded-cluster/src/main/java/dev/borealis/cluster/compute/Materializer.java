package dev.borealis.cluster.compute;

import dev.borealis.cluster.Engine;
import dev.borealis.cluster.storage.Checkpoint;
import dev.borealis.cluster.storage.StorageException;
import dev.borealis.cluster.storage.Volume;
import dev.borealis.cluster.storage.VolumeTransaction;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Storage-side materialisation, as Aurora's storage applies redo to data pages: a private database
 * follows the durable log; every {@code interval} LSNs it is scripted into a {@link Checkpoint}, and
 * the log the checkpoint covers may then be discarded ({@code afterCheckpoint} decides how much,
 * since readers still replaying need their part). States: FOLLOWING → CHECKPOINTING → FOLLOWING …;
 * a backtrack (new timeline) sends it back to the latest checkpoint.
 */
public final class Materializer implements Runnable {

    private static final Logger LOG = Logger.getLogger(Materializer.class.getName());

    private final Volume volume;
    private final Engine engine;
    private final String databaseName;
    private final long interval;
    private final LongConsumer afterCheckpoint;
    private static final long MIN_BACKOFF_MS = 50;
    private static final long MAX_BACKOFF_MS = 5_000;

    private final String clusterName;
    private final Thread thread;
    private final Object pauseLock = new Object();
    private final java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean running = true;
    private final InjectedFailure injected = new InjectedFailure();
    private Connection database;
    private RedoApplier applier;
    private long appliedLsn;
    private long timeline;
    private long lastCheckpointLsn;

    /**
     * @param interval LSNs between checkpoints
     * @param afterCheckpoint called with the new checkpoint's LSN on this thread, e.g. to discard the log
     */
    public Materializer(Volume volume, Engine engine, String clusterUid, String clusterName, long interval,
                        LongConsumer afterCheckpoint) {
        if (interval < 1) {
            throw new IllegalArgumentException("checkpoint interval: " + interval + " must be at least 1 LSN");
        }
        this.volume = volume;
        this.engine = engine;
        this.databaseName = (clusterUid + "_pages").toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        this.interval = interval;
        this.afterCheckpoint = afterCheckpoint;
        this.clusterName = clusterName;
        this.thread = new Thread(this, "borealis-" + clusterName + "-materializer");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public void stop() {
        synchronized (pauseLock) {
            running = false;
            pauseLock.notifyAll();
        }
        volume.wakeUp();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Follows the log until stopped. Any Throwable (an OutOfMemoryError too, after which H2 may have shut
     * this database down) is reported and the private database is rebuilt from the latest checkpoint after
     * a pause that doubles up to {@link #MAX_BACKOFF_MS}: storage must keep checkpointing, or the log grows
     * without bound and every restart replays all of it.
     */
    @Override
    public void run() {
        long backoffMs = MIN_BACKOFF_MS;
        long checkpointAtLastFailure = -1;
        try {
            while (running) {
                try {
                    follow();
                } catch (Throwable e) {
                    if (!running) {
                        break;
                    }
                    failures.incrementAndGet();
                    if (lastCheckpointLsn > checkpointAtLastFailure) {
                        backoffMs = MIN_BACKOFF_MS; // it made progress since: not the same failure again
                    }
                    checkpointAtLastFailure = lastCheckpointLsn;
                    LOG.log(Level.SEVERE, "cluster " + clusterName + ": storage materialisation failed ("
                            + e + "); rebuilding from the checkpoint at LSN " + lastCheckpointLsn + " in "
                            + backoffMs + " ms", e);
                    close();
                    pause(backoffMs);
                    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
                }
            }
        } finally {
            close();
        }
    }

    private void follow() throws SQLException {
        while (running) {
            injected.throwIfSet();
            if (database == null || volume.timeline() != timeline) {
                open();
            }
            VolumeTransaction tx;
            try {
                tx = volume.nextTransaction(appliedLsn);
            } catch (StorageException behindTheLog) {
                open();
                continue;
            }
            if (tx == null) {
                if (volume.logStartLsn() < lastCheckpointLsn) {
                    // the discard after the checkpoint was held back (a reader still replaying, or
                    // operations busy): retry while idle, or an idle cluster keeps that log forever
                    afterCheckpoint.accept(lastCheckpointLsn);
                }
                volume.awaitDurableBeyond(appliedLsn, TimeUnit.MILLISECONDS.toNanos(100));
                continue;
            }
            applier.apply(tx);
            appliedLsn = tx.commitLsn();
            if (appliedLsn - lastCheckpointLsn >= interval) {
                checkpoint();
            }
        }
    }

    /** How many times the loop failed and rebuilt its database. */
    public long failures() {
        return failures.get();
    }

    /** Makes the loop meet {@code failure} before its next step (tests of the restart path). */
    void injectFailureForTest(Throwable failure) {
        injected.set(failure);
        volume.wakeUp();
    }


    private void pause(long millis) {
        synchronized (pauseLock) {
            if (running) {
                try {
                    pauseLock.wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
    }

    /** (Re)builds the private database from the latest checkpoint. */
    private void open() throws SQLException {
        close();
        timeline = volume.timeline();
        database = new org.h2.Driver().connect("jdbc:h2:mem:" + databaseName + engine.h2Settings()
                + ";DB_CLOSE_DELAY=-1", new Properties());
        Checkpoint image = volume.checkpoint();
        appliedLsn = Checkpoints.load(database, image);
        lastCheckpointLsn = appliedLsn;
        applier = new RedoApplier(database);
    }

    private void checkpoint() throws SQLException {
        List<String> script = new ArrayList<>();
        database.commit();
        try (Statement st = database.createStatement(); ResultSet rs = st.executeQuery("SCRIPT NOSETTINGS")) {
            while (rs.next()) {
                script.add(rs.getString(1));
            }
        }
        volume.installCheckpoint(new Checkpoint(appliedLsn, timeline, script));
        lastCheckpointLsn = appliedLsn;
        afterCheckpoint.accept(appliedLsn);
    }

    private void close() {
        if (database != null) {
            try (Statement st = database.createStatement()) {
                st.execute("SHUTDOWN IMMEDIATELY");
            } catch (SQLException ignored) {
                // already closed
            }
            try {
                database.close();
            } catch (SQLException ignored) {
                // already closed
            }
            database = null;
        }
    }
}

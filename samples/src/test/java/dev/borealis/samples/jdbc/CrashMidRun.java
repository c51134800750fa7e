package dev.borealis.samples.jdbc;

import dev.borealis.cluster.Engine;
import dev.borealis.cluster.junit.ServedCluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs a sample app on its own thread against a served cluster and crashes the writer while it transfers. */
final class CrashMidRun {

    record Run(TransferOutcome outcome, String crashed, String promoted) {
    }

    private CrashMidRun() {
    }

    /** The Borealis URL of a database {@code bank} on the cluster (created first on MySQL, which has none). */
    static String bankUrl(ServedCluster cluster) throws SQLException {
        if (cluster.engine() == Engine.POSTGRESQL) {
            return cluster.borealisUrl();
        }
        String server = cluster.borealisUrl() + "?allowPublicKeyRetrieval=true";
        try (Connection c = DriverManager.getConnection(server, cluster.credentials()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE bank");
        }
        return cluster.borealisUrl() + "bank?allowPublicKeyRetrieval=true";
    }

    static Run transferThroughACrash(ServedCluster cluster, BankTransfers app) throws Exception {
        app.createSchema();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<TransferOutcome> outcome = new AtomicReference<>();
        Thread worker = new Thread(() -> outcome.set(app.transferUntil(() -> !stop.get())), "sample-transfers");
        worker.start();
        try {
            await(() -> app.acknowledgedCount() >= 30 || !worker.isAlive(), "30 transfers before the crash");
            String crashed = cluster.crashWriter();
            String promoted = cluster.awaitWriter(Duration.ofSeconds(15));
            int before = app.acknowledgedCount();
            await(() -> app.acknowledgedCount() >= before + 30 || !worker.isAlive(), "30 transfers after the crash");
            return new Run(finish(stop, worker, outcome), crashed, promoted);
        } finally {
            stop.set(true);
            worker.join(Duration.ofSeconds(30).toMillis());
        }
    }

    private static TransferOutcome finish(AtomicBoolean stop, Thread worker, AtomicReference<TransferOutcome> outcome)
            throws InterruptedException {
        stop.set(true);
        worker.join(Duration.ofSeconds(30).toMillis());
        assertThat(worker.isAlive()).as("the sample's thread stopped").isFalse();
        return outcome.get();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("timed out waiting for " + what).isNegative();
            Thread.sleep(10);
        }
    }
}

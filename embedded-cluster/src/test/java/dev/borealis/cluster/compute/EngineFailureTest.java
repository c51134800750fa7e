package dev.borealis.cluster.compute;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.ClusterSqlException;
import dev.borealis.cluster.Engine;
import dev.borealis.cluster.InstanceState;
import dev.borealis.cluster.InstanceStatus;
import dev.borealis.cluster.Result;
import dev.borealis.cluster.Session;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An engine that dies (H2 shut its database down, as it does on OutOfMemoryError) or an apply thread that
 * dies is never served empty nor reported available: the instance is rebuilt from storage and no
 * acknowledged row is lost. Issue 12, "acknowledged data lost".
 */
class EngineFailureTest {

    private static final int LEDGER_ROWS = 40;

    private static Cluster cluster(Engine engine, String name) {
        return Cluster.builder().engine(engine).name(name).readers(2).replicaLag(Duration.ofMillis(2))
                .failoverDelay(Duration.ofMillis(100)).rebootDelay(Duration.ofMillis(100)).checkpointInterval(25)
                .start();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aWriterWhoseDatabaseH2ShutDownFailsOverWithEveryAcknowledgedRowNeverEmpty(Engine engine) throws Exception {
        try (Cluster cluster = cluster(engine, "dead-writer")) {
            writeLedger(cluster, 1, LEDGER_ROWS);
            String oldWriter = cluster.writer().id();
            try (Session doomed = cluster.openWriterSession()) {
                shutDownH2(cluster, oldWriter);

                assertThatThrownBy(() -> doomed.execute("SELECT COUNT(*) FROM ledger"))
                        .isInstanceOf(ClusterSqlException.class)
                        .satisfies(e -> assertThat(((ClusterSqlException) e).kind())
                                .isEqualTo(ClusterSqlException.Kind.CONNECTION_LOST));
            }
            await("the dead writer leaves the available set", () -> !available(cluster, oldWriter));
            assertThat(cluster.awaitWriter(Duration.ofSeconds(20))).isTrue();

            assertLedgerEverywhere(cluster, LEDGER_ROWS);
            writeLedger(cluster, LEDGER_ROWS + 1, 10);
            assertLedgerEverywhere(cluster, LEDGER_ROWS + 10);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aLoneWriterWhoseDatabaseH2ShutDownRestartsInPlaceFromStorage(Engine engine) throws Exception {
        try (Cluster cluster = Cluster.builder().engine(engine).name("lone-writer").readers(0)
                .failoverDelay(Duration.ofMillis(100)).checkpointInterval(25).start()) {
            writeLedger(cluster, 1, LEDGER_ROWS);
            String writer = cluster.writer().id();
            shutDownH2(cluster, writer);
            try (Session s = cluster.openWriterSession()) {
                s.execute("SELECT 1"); // may still reach the dead generation: its failure is what tells the cluster
            } catch (SQLException expected) {
                // the instance is already known dead
            }
            await("the writer is rebuilt and available again", () -> {
                if (!available(cluster, writer)) {
                    return false;
                }
                try (Session s = cluster.openWriterSession()) {
                    return scalar(s, "SELECT COUNT(*) FROM ledger") == LEDGER_ROWS;
                } catch (SQLException notYet) {
                    return false;
                }
            });
            writeLedger(cluster, LEDGER_ROWS + 1, 5);
            assertLedgerEverywhere(cluster, LEDGER_ROWS + 5);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aReaderWhoseApplyThreadDiesOfOutOfMemoryIsNotAvailableUntilRebuiltFromStorage(Engine engine)
            throws Exception {
        try (Cluster cluster = cluster(engine, "dead-apply")) {
            writeLedger(cluster, 1, LEDGER_ROWS);
            String reader = cluster.topology().readers().get(0).id();
            ComputeInstance instance = (ComputeInstance) cluster.instance(reader);
            AtomicReference<InstanceState> seen = new AtomicReference<>();

            instance.injectApplyFailureForTest(new OutOfMemoryError("injected: Java heap space"));
            await("the reader leaves the available set", () -> {
                InstanceState state = cluster.topology().instance(reader).orElseThrow().state();
                seen.set(state);
                return state != InstanceState.AVAILABLE;
            });
            assertThat(seen.get()).isIn(InstanceState.CRASHED, InstanceState.STARTING);
            writeLedger(cluster, LEDGER_ROWS + 1, 10); // while the reader is down

            assertThat(cluster.awaitAvailable(reader, Duration.ofSeconds(20))).isTrue();
            assertLedgerEverywhere(cluster, LEDGER_ROWS + 10);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRebuildThatFailsIsTriedAgainUntilTheReaderIsBack(Engine engine) throws Exception {
        try (Cluster cluster = cluster(engine, "rebuild-retry")) {
            writeLedger(cluster, 1, LEDGER_ROWS);
            String reader = cluster.topology().readers().get(0).id();
            ComputeInstance instance = (ComputeInstance) cluster.instance(reader);
            instance.failNextStartForTest(new IllegalStateException("injected: checkpoint load failed"));

            instance.injectApplyFailureForTest(new OutOfMemoryError("injected: Java heap space"));
            await("the reader leaves the available set", () -> !available(cluster, reader));
            assertThat(cluster.awaitAvailable(reader, Duration.ofSeconds(20))).isTrue();
            assertLedgerEverywhere(cluster, LEDGER_ROWS);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aReaderWhoseDatabaseH2ShutDownIsRebuiltAndNeverServedEmpty(Engine engine) throws Exception {
        try (Cluster cluster = cluster(engine, "dead-reader")) {
            writeLedger(cluster, 1, LEDGER_ROWS);
            assertThat(cluster.awaitReplication(Duration.ofSeconds(10))).isTrue();
            String reader = cluster.topology().readers().get(0).id();
            shutDownH2(cluster, reader);
            writeLedger(cluster, LEDGER_ROWS + 1, 1); // the apply thread meets the closed database

            await("the reader leaves the available set", () -> !available(cluster, reader));
            assertThat(cluster.awaitAvailable(reader, Duration.ofSeconds(20))).isTrue();
            assertLedgerEverywhere(cluster, LEDGER_ROWS + 1);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anIdleReaderWhoseDatabaseH2ShutDownIsFoundByTheProbeAndRebuilt(Engine engine) throws Exception {
        try (Cluster cluster = cluster(engine, "idle-reader")) {
            writeLedger(cluster, 1, LEDGER_ROWS);
            assertThat(cluster.awaitReplication(Duration.ofSeconds(10))).isTrue();
            String reader = cluster.topology().readers().get(0).id();
            shutDownH2(cluster, reader); // no session and no apply step touches it afterwards

            await("the probe takes the reader out of the available set", () -> !available(cluster, reader));
            assertThat(cluster.awaitAvailable(reader, Duration.ofSeconds(20))).isTrue();
            assertLedgerEverywhere(cluster, LEDGER_ROWS);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theMemoryGuardStopsARunningStatementWithTheEnginesOutOfMemoryErrorAndTheSessionLivesOn(Engine engine)
            throws Exception {
        try (Cluster cluster = cluster(engine, "guard")) {
            writeLedger(cluster, 1, LEDGER_ROWS);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            try (Session s = cluster.openWriterSession()) {
                Thread query = new Thread(() -> {
                    try (Result r = s.execute("SELECT COUNT(*) FROM SYSTEM_RANGE(1, 100000000000) WHERE RAND() >= 0")) {
                        r.rows().next();
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                }, "guard-test-query");
                query.start();
                await("the guard cancels the running statement",
                        () -> MemoryGuard.get().relieve("test: heap short").isPresent());
                query.join(10_000);
                assertThat(query.isAlive()).isFalse();

                assertThat(failure.get()).isInstanceOf(ClusterSqlException.class);
                ClusterSqlException e = (ClusterSqlException) failure.get();
                assertThat(e.kind()).isEqualTo(ClusterSqlException.Kind.OUT_OF_MEMORY);
                if (engine == Engine.MYSQL) {
                    assertThat(e.getErrorCode()).isEqualTo(1041);
                    assertThat(e.getSQLState()).isEqualTo("HY000");
                } else {
                    assertThat(e.getSQLState()).isEqualTo("53200");
                }
                assertThat(e.getMessage()).contains("test: heap short");
                assertThat(scalar(s, "SELECT COUNT(*) FROM ledger")).isEqualTo(LEDGER_ROWS);
            }
            assertThat(available(cluster, cluster.writer().id())).isTrue();
            writeLedger(cluster, LEDGER_ROWS + 1, 5);
            assertLedgerEverywhere(cluster, LEDGER_ROWS + 5);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theMemoryGuardStopsTheStatementThatAllocatesNotTheOneWaitingForALock(Engine engine) throws Exception {
        try (Cluster cluster = Cluster.builder().engine(engine).name("guard-pick").readers(0)
                .lockTimeout(Duration.ofSeconds(30)).start()) {
            writeLedger(cluster, 1, LEDGER_ROWS);
            AtomicReference<Throwable> waiterFailure = new AtomicReference<>();
            AtomicReference<Throwable> scanFailure = new AtomicReference<>();
            try (Session holder = cluster.openWriterSession(); Session waiter = cluster.openWriterSession();
                 Session scanner = cluster.openWriterSession()) {
                holder.begin(false);
                holder.execute("UPDATE ledger SET amount = amount + 1 WHERE id = 1");
                Thread waiting = new Thread(() -> {
                    try {
                        waiter.execute("UPDATE ledger SET amount = amount + 1 WHERE id = 1").close();
                    } catch (Throwable e) {
                        waiterFailure.set(e);
                    }
                }, "guard-pick-waiter");
                waiting.start();
                await("the waiter is watched", () -> MemoryGuard.get().watching() == 1);
                Thread scanning = new Thread(() -> {
                    try (Result r = scanner.execute("SELECT COUNT(*) FROM SYSTEM_RANGE(1, 100000000000) WHERE RAND() >= 0")) {
                        r.rows().next();
                    } catch (Throwable e) {
                        scanFailure.set(e);
                    }
                }, "guard-pick-scan");
                scanning.start();
                com.sun.management.ThreadMXBean threads =
                        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
                await("the scan has allocated 64 MB", () -> MemoryGuard.get().watching() == 2
                        && threads.getThreadAllocatedBytes(scanning.getId()) > 64 << 20);

                assertThat((Object) MemoryGuard.get().relieve("test: heap short").orElseThrow()).isSameAs(scanner);
                scanning.join(10_000);
                assertThat(scanFailure.get()).isInstanceOf(ClusterSqlException.class)
                        .satisfies(e -> assertThat(((ClusterSqlException) e).kind())
                                .isEqualTo(ClusterSqlException.Kind.OUT_OF_MEMORY));
                holder.commit();
                waiting.join(10_000);
                assertThat(waiterFailure.get()).isNull();
            }
            try (Session s = cluster.openWriterSession()) {
                assertThat(scalar(s, "SELECT amount FROM ledger WHERE id = 1")).isEqualTo(7 + 2);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private static void writeLedger(Cluster cluster, int from, int count) throws SQLException {
        try (Session s = cluster.openWriterSession()) {
            s.execute("CREATE TABLE IF NOT EXISTS ledger (id INT PRIMARY KEY, amount INT)");
            for (int id = from; id < from + count; id++) {
                s.execute("INSERT INTO ledger VALUES (" + id + ", " + (id * 7) + ")"); // acknowledged on return
            }
        }
    }

    /** Every available instance, once caught up, holds exactly the acknowledged ledger. */
    private static void assertLedgerEverywhere(Cluster cluster, int rows) throws SQLException {
        assertThat(cluster.awaitReplication(Duration.ofSeconds(20))).isTrue();
        long expectedSum = 0;
        for (int id = 1; id <= rows; id++) {
            expectedSum += id * 7L;
        }
        for (InstanceStatus status : cluster.topology().instances()) {
            if (status.state() != InstanceState.AVAILABLE) {
                continue;
            }
            try (Session s = cluster.openSession(status.id())) {
                assertThat(scalar(s, "SELECT COUNT(*) FROM ledger")).as(status.id() + " rows").isEqualTo(rows);
                assertThat(scalar(s, "SELECT SUM(amount) FROM ledger")).as(status.id() + " sum").isEqualTo(expectedSum);
            }
        }
    }

    private static boolean available(Cluster cluster, String id) {
        return cluster.topology().instance(id).map(i -> i.state() == InstanceState.AVAILABLE).orElse(false);
    }

    /** What H2 does to a database after an OutOfMemoryError, done from outside. */
    private static void shutDownH2(Cluster cluster, String instanceId) throws SQLException {
        String url = ((ComputeInstance) cluster.instance(instanceId)).engineUrlForTest();
        try (Connection c = new org.h2.Driver().connect(url, new Properties()); Statement st = c.createStatement()) {
            st.execute("SHUTDOWN IMMEDIATELY");
        }
    }

    private static long scalar(Session s, String sql) throws SQLException {
        try (Result r = s.execute(sql)) {
            ResultSet rs = r.rows();
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline).as("timed out waiting until " + what).isTrue();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}

package dev.borealis.cluster.compute;

import dev.borealis.cluster.Engine;
import dev.borealis.cluster.Ticker;
import dev.borealis.cluster.storage.RedoChunk;
import dev.borealis.cluster.storage.RedoRecord;
import dev.borealis.cluster.storage.Volume;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12: an OutOfMemoryError killed the materializer (it caught only SQLException and RuntimeException),
 * so checkpoints stopped for good. Now any Throwable is reported and the materializer rebuilds its
 * database from the latest checkpoint and goes on.
 */
class MaterializerRestartTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final Volume volume = new Volume(Ticker.system(), Clock.systemUTC(), 10_000);
    private final long epoch = volume.recoverForNewWriter();

    @Test
    void anOutOfMemoryErrorInTheMaterializerIsReportedAndCheckpointsGoOn() {
        AtomicLong lastCheckpoint = new AtomicLong();
        Materializer materializer = new Materializer(volume, Engine.MYSQL, "mat_restart", "mat-restart", 2,
                lastCheckpoint::set);
        materializer.start();
        try {
            commit(new RedoRecord.Ddl("public", "CREATE TABLE t (id INT PRIMARY KEY)"));
            for (int id = 1; id <= 4; id++) {
                commit(new RedoRecord.Insert("public", "t", new Object[] {id}));
            }
            await("a first checkpoint", () -> lastCheckpoint.get() >= 4);

            materializer.injectFailureForTest(new OutOfMemoryError("injected: Java heap space"));
            await("the failure is met", () -> materializer.failures() == 1);
            for (int id = 5; id <= 8; id++) {
                commit(new RedoRecord.Insert("public", "t", new Object[] {id}));
            }

            // LSN 1 made the table, LSNs 2..9 rows 1..8: with a checkpoint every 2 LSNs the last is at LSN 8, row 7
            await("a checkpoint after the failure holds the rows written since",
                    () -> volume.checkpoint().lsn() == 8);
            assertThat(volume.checkpoint().script()).anySatisfy(line -> assertThat(line).contains("(7)"));
            assertThat(materializer.failures()).isEqualTo(1);
        } finally {
            materializer.stop();
        }
    }

    private void commit(RedoRecord record) {
        RedoChunk chunk = volume.append(epoch, List.of(record), SECOND);
        volume.awaitDurable(chunk, SECOND);
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) {
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

package dev.borealis.cluster.storage;

import dev.borealis.cluster.Ticker;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VolumeTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long SHORT = TimeUnit.MILLISECONDS.toNanos(200);

    private final Volume volume = new Volume(Ticker.system(), Clock.systemUTC(), 10_000);
    private final long epoch = volume.recoverForNewWriter();

    private static List<RedoRecord> records(int n) {
        List<RedoRecord> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new RedoRecord.Insert("public", "t", new Object[] {i}));
        }
        return list;
    }

    private RedoChunk commit(int n) {
        RedoChunk chunk = volume.append(epoch, records(n), SECOND);
        volume.awaitDurable(chunk, SECOND);
        return chunk;
    }

    @Test
    void commitIsDurableWhenAllSegmentsAreUp() {
        RedoChunk chunk = commit(3);
        VolumeStatus status = volume.status();
        assertThat(status.vdl()).isEqualTo(chunk.lastLsn()).isEqualTo(3);
        assertThat(status.vcl()).isEqualTo(3);
        assertThat(status.segments()).allSatisfy(s -> assertThat(s.scl()).isEqualTo(3));
    }

    @Test
    void largeTransactionSpansChunksAndOnlyItsLastChunkIsAConsistencyPoint() {
        RedoChunk last = commit(Volume.CHUNK_RECORDS * 2 + 5);
        assertThat(last.consistencyPoint()).isTrue();
        assertThat(last.lastLsn()).isEqualTo(Volume.CHUNK_RECORDS * 2 + 5);
        VolumeTransaction tx = volume.nextTransaction(0);
        assertThat(tx.records()).hasSize(Volume.CHUNK_RECORDS * 2 + 5);
        assertThat(tx.commitLsn()).isEqualTo(last.lastLsn());
    }

    @Test
    void losingOneAzKeepsWritesDurable() {
        volume.failAz(2);
        RedoChunk chunk = commit(2);
        assertThat(volume.status().vdl()).isEqualTo(chunk.lastLsn());
        assertThat(volume.status().segments()).filteredOn(s -> s.az() == 2)
                .allSatisfy(s -> assertThat(s.scl()).isZero());
    }

    @Test
    void losingAnAzPlusOneFailsCommitsWithinTheTimeoutButKeepsCommittedDataReadable() {
        RedoChunk committed = commit(2);
        volume.failAz(1);
        volume.failSegment(2);
        RedoChunk pending = volume.append(epoch, records(1), SHORT);
        assertThatThrownBy(() -> volume.awaitDurable(pending, SHORT))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("write quorum needs 4 of 6 segments, 3 up")
                .hasMessageContaining("az1-a")
                .satisfies(e -> assertThat(((StorageException) e).kind())
                        .isEqualTo(StorageException.Kind.WRITE_QUORUM_UNAVAILABLE));
        assertThat(volume.nextTransaction(0).commitLsn()).isEqualTo(committed.lastLsn());
        assertThat(volume.nextTransaction(committed.lastLsn())).isNull();
        assertThat(volume.status().lastLsn()).as("the failed commit is truncated").isEqualTo(committed.lastLsn());
    }

    @Test
    void recoveringSegmentsCompletesAWaitingCommit() throws Exception {
        volume.failAz(1);
        volume.failSegment(2);
        RedoChunk pending = volume.append(epoch, records(1), SECOND);
        CompletableFuture<Void> ack = CompletableFuture.runAsync(() -> volume.awaitDurable(pending, 10 * SECOND));
        assertThat(ack).isNotDone();
        volume.recoverSegment(2);
        ack.get(5, TimeUnit.SECONDS);
        assertThat(volume.status().vdl()).isEqualTo(pending.lastLsn());
    }

    @Test
    void aRecoveredSegmentIsRepairedFromItsPeers() {
        volume.failSegment(5);
        commit(4);
        assertThat(volume.status().segments().get(5).scl()).isZero();
        volume.recoverSegment(5);
        assertThat(volume.status().segments().get(5).scl()).isEqualTo(4);
    }

    @Test
    void anAppendWithAStaleEpochIsRefused() {
        commit(1);
        long newEpoch = volume.recoverForNewWriter();
        assertThat(newEpoch).isEqualTo(epoch + 1);
        assertThatThrownBy(() -> volume.append(epoch, records(1), SECOND))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("epoch " + epoch + " refused")
                .satisfies(e -> assertThat(((StorageException) e).kind()).isEqualTo(StorageException.Kind.STALE_EPOCH));
        volume.append(newEpoch, records(1), SECOND);
    }

    @Test
    void recoveryNeedsAReadQuorum() {
        volume.failAz(1);
        volume.failAz(2);
        assertThatThrownBy(volume::recoverForNewWriter)
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("read quorum of 3 of 6 segments, 2 up");
    }

    @Test
    void recoveryTruncatesWhatNoReachableSegmentHolds() {
        RedoChunk durable = commit(1);
        volume.failAz(1);
        volume.failSegment(2);
        RedoChunk orphan = volume.append(epoch, records(1), SHORT); // held by segments 3, 4, 5 only
        volume.failSegment(3);
        volume.failSegment(4);
        volume.failSegment(5);
        volume.recoverAz(1);
        volume.recoverSegment(2);
        long next = volume.recoverForNewWriter();
        assertThat(volume.status().vdl()).isEqualTo(durable.lastLsn());
        assertThat(volume.status().lastLsn()).isEqualTo(durable.lastLsn());
        assertThatThrownBy(() -> volume.awaitDurable(orphan, SHORT))
                .satisfies(e -> assertThat(((StorageException) e).kind()).isEqualTo(StorageException.Kind.TRUNCATED));
        assertThat(next).isGreaterThan(epoch);
    }

    @Test
    void recoveryKeepsARecordHeldByAnyReachableSegment() {
        commit(1);
        volume.failAz(1);
        volume.failSegment(2);
        RedoChunk inFlight = volume.append(epoch, records(1), SHORT); // held by 3 segments: not yet durable
        assertThat(volume.status().vdl()).isLessThan(inFlight.lastLsn());
        volume.recoverAz(1);
        volume.recoverSegment(2); // repair re-replicates it: durable now
        volume.recoverForNewWriter();
        assertThat(volume.status().vdl()).isEqualTo(inFlight.lastLsn());
    }

    @Test
    void backtrackRewindsToTheLastConsistencyPointAtOrBefore() {
        RedoChunk first = commit(2);
        commit(3);
        long at = volume.backtrackTo(first.lastLsn() + 1);
        assertThat(at).isEqualTo(first.lastLsn());
        assertThat(volume.nextTransaction(first.lastLsn())).isNull();
    }

    @Test
    void aCloneSharesHistoryAndThenDiverges() {
        commit(2);
        Volume clone = Volume.cloneOf(volume);
        long cloneEpoch = clone.recoverForNewWriter();
        commit(1);
        RedoChunk own = clone.append(cloneEpoch, records(5), SECOND);
        clone.awaitDurable(own, SECOND);
        assertThat(clone.nextTransaction(0).records()).hasSize(2);
        assertThat(clone.nextTransaction(2).records()).hasSize(5);
        assertThat(volume.nextTransaction(2).records()).hasSize(1);
    }

    @Test
    void backPressureStopsAWriterRunningTooFarAheadOfDurable() {
        Volume small = new Volume(Ticker.system(), Clock.systemUTC(), Volume.CHUNK_RECORDS);
        long e = small.recoverForNewWriter();
        small.failAz(1);
        small.failSegment(2);
        small.append(e, records(10), SHORT);
        assertThatThrownBy(() -> small.append(e, records(Volume.CHUNK_RECORDS), SHORT))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("LSNs ahead of durable");
    }

    @Test
    void theLogIsDiscardedOnlyUpToTheCheckpointAndInWholeTransactions() {
        commit(2);
        RedoChunk second = commit(Volume.CHUNK_RECORDS + 3); // two chunks, one transaction
        commit(1);
        assertThat(volume.discardThrough(second.lastLsn())).as("no checkpoint, nothing discarded").isZero();
        volume.installCheckpoint(new Checkpoint(second.lastLsn() - 1, volume.timeline(), List.of()));
        assertThat(volume.discardThrough(Long.MAX_VALUE)).as("the checkpoint ends inside a transaction").isEqualTo(2);
        volume.installCheckpoint(new Checkpoint(second.lastLsn(), volume.timeline(), List.of()));
        assertThat(volume.discardThrough(Long.MAX_VALUE)).isEqualTo(second.lastLsn());
        assertThat(volume.nextTransaction(second.lastLsn()).records()).hasSize(1);
        assertThatThrownBy(() -> volume.nextTransaction(1))
                .hasMessageContaining("before the start of the kept log");
        assertThat(volume.status().vdl()).isEqualTo(second.lastLsn() + 1);
    }

    @Test
    void regressionACommitDiscardedByACheckpointBeforeItsWaiterLookedIsDurableNotTruncated() {
        RedoChunk chunk = volume.append(epoch, records(1), SECOND); // durable at once: all segments up
        volume.installCheckpoint(new Checkpoint(chunk.lastLsn(), volume.timeline(), List.of()));
        volume.discardThrough(chunk.lastLsn());
        volume.awaitDurable(chunk, SHORT); // returns: the commit is acknowledged
        assertThat(volume.logStartLsn()).isEqualTo(chunk.lastLsn());
    }

    @Test
    void aCheckpointFromBeforeABacktrackIsIgnored() {
        RedoChunk first = commit(1);
        long oldTimeline = volume.timeline();
        commit(1);
        volume.backtrackTo(first.lastLsn());
        volume.installCheckpoint(new Checkpoint(first.lastLsn(), oldTimeline, List.of("stale")));
        assertThat(volume.checkpoint()).isNull();
    }

    @Test
    void badSegmentAndAzNumbersAreRejectedByName() {
        assertThatThrownBy(() -> volume.failSegment(6)).hasMessage("segment: 6 is out of range 0..5");
        assertThatThrownBy(() -> volume.failAz(0)).hasMessage("az: 0 is out of range 1..3");
    }
}

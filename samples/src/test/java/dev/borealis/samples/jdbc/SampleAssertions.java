package dev.borealis.samples.jdbc;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

final class SampleAssertions {

    private SampleAssertions() {
    }

    /** The sample recovered by itself (no give-up), felt the failover, and kept every acknowledged transfer. */
    static void assertSurvived(CrashMidRun.Run run, BankTransfers app) throws SQLException {
        TransferOutcome outcome = run.outcome();
        assertThat((Throwable) outcome.gaveUpOn()).as(outcome.toString()).isNull();
        assertThat(outcome.rerunStatements() + outcome.replayedTransactions()).as("08S02/08007 seen and handled")
                .isPositive();
        assertThat(run.promoted()).isNotEqualTo(run.crashed());
        assertThat(outcome.lastInstance()).as("the last transfer was committed by the new writer")
                .isEqualTo(run.promoted());
        assertThat(app.storedTransferIds()).containsAll(app.acknowledged());
        assertThat(app.totalBalance()).as("money is neither created nor lost by replays")
                .isEqualTo(BankTransfers.ACCOUNTS * BankTransfers.OPENING_BALANCE);
    }
}

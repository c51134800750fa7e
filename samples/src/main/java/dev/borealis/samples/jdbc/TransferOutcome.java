package dev.borealis.samples.jdbc;

import java.sql.SQLException;

/**
 * How a sample's run ended: transfers acknowledged, statements re-run after 08S02, transactions replayed after
 * 08007, the instance that committed the last transfer, and the error it gave up on (null when it did not).
 */
public record TransferOutcome(int acknowledged, int rerunStatements, int replayedTransactions, String lastInstance,
                              SQLException gaveUpOn) {

    @Override
    public String toString() {
        return acknowledged + " transfers acknowledged, " + rerunStatements + " statements re-run (08S02), "
                + replayedTransactions + " transactions replayed (08007), last on " + lastInstance
                + (gaveUpOn == null ? "" : ", gave up on " + gaveUpOn.getSQLState() + ": " + gaveUpOn.getMessage());
    }
}

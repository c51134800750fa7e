package dev.borealis.samples.jdbc;

import dev.borealis.cluster.Engine;
import dev.borealis.cluster.junit.EmbeddedCluster;
import dev.borealis.cluster.junit.ServedCluster;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@EmbeddedCluster(engine = Engine.MYSQL, readers = 1, failoverDelayMs = 300)
class MySqlFailoverSampleTest {

    ServedCluster cluster;

    @Test
    void transfersGoOnThroughAWriterCrashAndNoAcknowledgedTransferOrMoneyIsLost() throws Exception {
        BankTransfers app = MySqlFailoverSample.app(CrashMidRun.bankUrl(cluster), cluster.credentials());

        CrashMidRun.Run run = CrashMidRun.transferThroughACrash(cluster, app);

        SampleAssertions.assertSurvived(run, app);
    }
}

package dev.borealis.samples;

import dev.borealis.cluster.Engine;
import dev.borealis.cluster.junit.EmbeddedCluster;
import dev.borealis.cluster.junit.ServedCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's {@code --url} mode, as against a real cluster: here a served embedded cluster stands in for it. The
 * demo cannot crash anything there and says so; the test fails the writer over itself, as a user would.
 */
@EmbeddedCluster(engine = Engine.POSTGRESQL, readers = 2, failoverDelayMs = 300)
class DemoAgainstAUrlTest {

    ServedCluster cluster;

    @Test
    void withAUrlTheDemoOnlyWatchesAndStillLosesNothingWhenTheClusterFailsOver(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        AtomicInteger exit = new AtomicInteger(-1);
        Thread demo = new Thread(() -> exit.set(Demo.run(new String[] {"--url", cluster.borealisUrl(), "--user",
            cluster.user(), "--password", cluster.password(), "--duration", "6", "--chart",
            dir.resolve("c.svg").toString()}, print, System.err)), "demo-against-url");
        demo.start();
        awaitOutput(out, "  2/6s");
        String crashed = cluster.crashWriter();
        demo.join(Duration.ofSeconds(60).toMillis());
        String text = out.toString(StandardCharsets.UTF_8);

        assertThat(demo.isAlive()).isFalse();
        assertThat(exit.get()).as(text).isZero();
        assertThat(text).contains("the demo will NOT crash the writer", "no crash injected",
                "acknowledged but lost: 0, stored twice: 0", "RESULT: PASSED").doesNotContain("!! crashed");
        assertThat(text).containsPattern("last write on (?!" + crashed + ")");
        assertThat(text).doesNotContain("password=" + cluster.password() + "&");
    }

    private static void awaitOutput(ByteArrayOutputStream out, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!out.toString(StandardCharsets.UTF_8).contains(text)) {
            assertThat(System.nanoTime() - deadline).as("waiting for '" + text + "' in " + out).isNegative();
            Thread.sleep(20);
        }
    }
}

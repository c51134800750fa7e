package dev.borealis.samples;

import dev.borealis.cluster.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's main job in its short mode: exit 0, no lost vote, a well-formed chart, for both engines. */
class DemoTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theDemoSurvivesTheWriterCrashWithoutLosingAcknowledgedWrites(Engine engine, @TempDir Path dir) throws Exception {
        Path chart = dir.resolve("timeline.svg");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Demo.run(new String[] {"--engine", engine.name().toLowerCase(Locale.ROOT), "--duration", "6",
            "--chart", chart.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String text = out.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(text).isZero();
        assertThat(text).contains("Borealis URL      jdbc:borealis:", "!! crashed the writer",
                "acknowledged but lost: 0, stored twice: 0", "RESULT: PASSED");
        assertThat(text).containsPattern("time from crash to first successful write: \\d+ ms");
        assertThat(text.lines().filter(l -> l.matches("\\[[#.]+\\] +\\d+/6s .*"))).as(text).hasSize(6);

        Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(chart.toFile());
        assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg.getElementsByTagName("polyline").getLength()).as("a writes and a reads line per instance")
                .isEqualTo(2 * 3);
        assertThat(chart.toFile()).content().contains("crashed", "first write after the crash");
    }

    /**
     * The fallbacks a machine may force on {@code java -jar}: connecting by IP with every instance mapped (what the
     * demo does when the JVM does not resolve the cluster's names), on the port-per-instance layout (no extra
     * loopback addresses).
     */
    @Test
    void byIpAndWithAPortPerInstanceTheDemoStillLosesNothing(@TempDir Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Demo.run(new String[] {"--duration", "4", "--port-per-instance", "--connect-by-ip", "--chart",
            dir.resolve("c.svg").toString()}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String text = out.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(text).isZero();
        assertThat(text).contains("connecting by IP", "Borealis URL      jdbc:borealis:mysql://127.0.0.1:",
                "clusterInstanceHostMap=", "RESULT: PASSED");
    }

    @Test
    void aBadFlagIsNamedAndExitsTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Demo.run(new String[] {"--readers", "16"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--readers: 16 is out of range 1..15");
    }

    @Test
    void aUrlThatIsNotBorealisIsRefusedBeforeAnythingStarts() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Demo.run(new String[] {"--url", "jdbc:mysql://db:3306/x?password=secret"}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--url", "jdbc:borealis:mysql://")
                .doesNotContain("secret");
    }
}

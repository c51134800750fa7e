package dev.borealis.samples;

import dev.borealis.cluster.Engine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's main job: it exits 0 and reports no lost writes, for both engines. */
class DemoTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theDemoSurvivesTheWriterCrashWithoutLosingAcknowledgedWrites(Engine engine) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Demo.run(new String[] {"--engine", engine.name().toLowerCase(), "--seconds", "4"},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(text).isZero();
        assertThat(text).contains("!! crashed the writer", "acknowledged but lost: 0",
                "RESULT: no acknowledged write was lost");
    }

    @Test
    void aBadFlagIsNamedAndExitsTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Demo.run(new String[] {"--readers", "16"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--readers: 16 is out of range 1..15");
    }
}

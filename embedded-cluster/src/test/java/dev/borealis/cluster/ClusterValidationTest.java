package dev.borealis.cluster;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad settings fail fast, before anything starts, with a message naming the setting and the rule. */
class ClusterValidationTest {

    static Stream<Arguments> badSettings() {
        return Stream.of(
                bad("16 readers", b -> b.readers(16), "readers: 16 is out of range 0..15"),
                bad("negative readers", b -> b.readers(-1), "readers: -1 is out of range 0..15"),
                bad("tier 16", b -> b.reader("r1", 16, Duration.ZERO), "tier: 16 is out of range 0..15"),
                bad("tier -1", b -> b.reader("r1", -1, Duration.ZERO), "tier: -1 is out of range 0..15"),
                bad("negative lag", b -> b.replicaLag(Duration.ofMillis(-1)), "replica lag: PT-0.001S is invalid"),
                bad("negative reader lag", b -> b.reader("r1", 1, Duration.ofMillis(-5)), "replica lag of r1"),
                bad("unknown engine", b -> b.engine("oracle"), "engine: unknown value 'oracle'"),
                bad("null engine", b -> b.engine((Engine) null), "engine: a value is required"),
                bad("duplicate id", b -> b.reader("dup", 1, Duration.ZERO).reader("dup", 2, Duration.ZERO),
                        "instance id: 'dup' is used twice"),
                bad("writer id reused", b -> b.writerId("w").reader("w", 1, Duration.ZERO), "'w' is used twice"),
                bad("bad cluster name", b -> b.name("Bad_Name"), "cluster name: 'Bad_Name' is invalid"),
                bad("bad instance id", b -> b.reader("9lives", 1, Duration.ZERO), "instance id: '9lives' is invalid"),
                bad("negative failover delay", b -> b.failoverDelay(Duration.ofSeconds(-1)), "failover delay"),
                bad("negative commit timeout", b -> b.commitTimeout(Duration.ofSeconds(-1)), "commit timeout"),
                bad("empty user", b -> b.user("", "x"), "user: a user name is required"),
                bad("bad instance class", b -> b.reader("r1", 1, Duration.ZERO, "m5.huge"),
                        "instance class: 'm5.huge' is invalid"),
                bad("zero checkpoint interval", b -> b.checkpointInterval(0), "checkpoint interval: 0 is invalid"));
    }

    private static Arguments bad(String name, Consumer<ClusterBuilder> setting, String message) {
        return Arguments.of(name, setting, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void badSettingsAreRejectedByName(String name, Consumer<ClusterBuilder> setting, String message) {
        assertThatThrownBy(() -> {
            ClusterBuilder builder = Cluster.builder();
            setting.accept(builder);
            builder.start().close();
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}

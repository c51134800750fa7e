package dev.borealis.cluster.wire;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthThrottleScheduleTest {

    private final AuthThrottle throttle = new AuthThrottle(WireLimits.AuthFailureDelay.defaults());

    @Test
    void theDelayStartsAfterTheThresholdDoublesAndIsCapped() {
        long[] expected = {0, 0, 0, 250, 500, 1000, 2000, 2000};
        for (long millis : expected) {
            assertThat(throttle.delayFor("10.0.0.1:1000")).isEqualTo(Duration.ofMillis(millis));
            throttle.failed("10.0.0.1:" + (2000 + millis)); // the port changes per attempt: the host counts
        }
        for (int i = 0; i < 100; i++) {
            throttle.failed("10.0.0.1:1");
        }
        assertThat(throttle.delayFor("10.0.0.1:1")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aSuccessClearsTheAddressAndOtherAddressesAreNotDelayed() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("10.0.0.1:1");
        }
        assertThat(throttle.delayFor("10.0.0.2:1")).isZero();
        throttle.succeeded("10.0.0.1:2");
        assertThat(throttle.delayFor("10.0.0.1:3")).isZero();
    }

    @Test
    void aClientThatIsGoneStopsTheWait() throws Exception {
        for (int i = 0; i < 10; i++) {
            throttle.failed("10.0.0.1:1");
        }
        long start = System.nanoTime();
        throttle.await("10.0.0.1:1", () -> true);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void invalidPoliciesAreRefusedWithTheirNumbers() {
        assertThatThrownBy(() -> new WireLimits.AuthFailureDelay(0, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("threshold: 0");
        assertThatThrownBy(() -> new WireLimits.AuthFailureDelay(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("max 1000 ms is below the initial 2000 ms");
        assertThatThrownBy(() -> WireLimits.defaults(dev.borealis.cluster.Engine.MYSQL).withMaxConnections(0))
                .hasMessageContaining("max connections: 0");
        assertThatThrownBy(() -> WireLimits.defaults(dev.borealis.cluster.Engine.MYSQL).withHandshakeTimeout(Duration.ZERO))
                .hasMessageContaining("handshake timeout");
    }
}

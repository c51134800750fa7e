package dev.borealis.cluster.wire.pg;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class PgIdleTimeoutsTest {

    @Test
    void valuesAreMillisecondsUnlessTheyNameTheirUnit() {
        assertThat(PgIdleTimeouts.parse("300")).isEqualTo(Duration.ofMillis(300));
        assertThat(PgIdleTimeouts.parse("300ms")).isEqualTo(Duration.ofMillis(300));
        assertThat(PgIdleTimeouts.parse(" 2s ")).isEqualTo(Duration.ofSeconds(2));
        assertThat(PgIdleTimeouts.parse("1min")).isEqualTo(Duration.ofMinutes(1));
        assertThat(PgIdleTimeouts.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(PgIdleTimeouts.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(PgIdleTimeouts.parse("0")).isZero();
    }

    @Test
    void unparseableOrHugeValuesNeverThrow() {
        assertThat(PgIdleTimeouts.parse(null)).isZero();
        assertThat(PgIdleTimeouts.parse("soon")).isZero();
        assertThat(PgIdleTimeouts.parse("-5")).isZero();
        assertThat(PgIdleTimeouts.parse("99999999999999999999999d")).isZero();
        assertThat(PgIdleTimeouts.parse("9999999999d")).isEqualTo(Duration.ofMillis(Integer.MAX_VALUE));
    }
}

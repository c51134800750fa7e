package dev.borealis.cluster.wire.mysql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FunctionsTest {

    @Test
    void timediffAcceptsTimestampsWithAndWithoutZoneAndTimes() {
        assertThat(Functions.timediff("2024-01-01 10:00:00", "2024-01-01 09:58:30.5")).isEqualTo("00:01:29.500000");
        assertThat(Functions.timediff("2024-01-01 09:00:00", "2024-01-02 10:00:00")).isEqualTo("-25:00:00");
        assertThat(Functions.timediff("10:00:00", "08:30:00")).isEqualTo("01:30:00");
        String utc = "2024-01-01 10:00:00+00";
        String local = java.time.OffsetDateTime.parse("2024-01-01T10:00:00Z")
                .atZoneSameInstant(java.time.ZoneId.systemDefault()).toLocalDateTime().toString().replace('T', ' ');
        assertThat(Functions.timediff(utc, local)).isEqualTo("00:00:00");
    }

    @Test
    void timeToSecReadsTimediffOutputIncludingNegativeAndLongDurations() {
        assertThat(Functions.timeToSec("-25:00:00")).isEqualTo(-90000L);
        assertThat(Functions.timeToSec("00:01:29.500000")).isEqualTo(89L);
        assertThat(Functions.timeToSec(null)).isNull();
    }

    @Test
    void dateFormatKnowsMySqlSpecifiers() {
        assertThat(Functions.dateFormat("2024-03-05 17:08:09.123456", "%Y-%m-%d %H:%i:%s.%f %p %W %b %j %%"))
                .isEqualTo("2024-03-05 17:08:09.123456 PM Tuesday Mar 065 %");
        assertThat(Functions.md5("a")).isEqualTo("0cc175b9c0f1b6a831c399e269772661");
    }
}

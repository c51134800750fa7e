package dev.borealis.cluster.wire;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionSlotsTest {

    @Test
    void slotsAreCountedPerInstanceAndFreedOnceEach() {
        ConnectionSlots slots = new ConnectionSlots();
        ConnectionSlots.Slot a = slots.tryAcquire("a", 2);
        ConnectionSlots.Slot b = slots.tryAcquire("a", 2);
        assertThat(slots.tryAcquire("a", 2)).isNull();
        assertThat(slots.tryAcquire("b", 2)).as("another instance").isNotNull();
        a.close();
        a.close();
        assertThat(slots.open("a")).as("a slot is freed once however often it is closed").isEqualTo(1);
        assertThat(slots.tryAcquire("a", 2)).isNotNull();
        b.close();
    }
}

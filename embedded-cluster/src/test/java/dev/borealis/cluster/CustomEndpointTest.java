package dev.borealis.cluster;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomEndpointTest {

    private Cluster cluster;
    private String writer;
    private String r1;
    private String r2;

    @BeforeEach
    void start() {
        cluster = Cluster.builder().engine(Engine.MYSQL).name("cep" + Integer.toString(ThreadLocalRandom.current()
                .nextInt(1 << 20), 36)).readers(2).failoverDelay(Duration.ofMillis(100)).start();
        writer = cluster.writer().id();
        r1 = cluster.topology().readers().get(0).id();
        r2 = cluster.topology().readers().get(1).id();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void staticEndpointRoutesOnlyToItsMembers() {
        cluster.createCustomEndpoint(CustomEndpoint.ofMembers("analytics", CustomEndpointType.ANY, r1, writer));
        CustomEndpoint endpoint = cluster.customEndpoint("analytics").orElseThrow();
        assertThat(endpoint.staticMembers()).containsExactlyInAnyOrder(r1, writer);
        assertThat(endpoint.excludedMembers()).isEmpty();
        assertThat(endpoint.routable(cluster.topology())).containsExactlyInAnyOrder(r1, writer);
    }

    @Test
    void readerEndpointSkipsAMemberPromotedToWriterButKeepsItListed() {
        cluster.createCustomEndpoint(CustomEndpoint.ofMembers("reads", CustomEndpointType.READER, r1, r2));
        cluster.failover(r1);
        CustomEndpoint endpoint = cluster.customEndpoint("reads").orElseThrow();
        assertThat(endpoint.staticMembers()).containsExactlyInAnyOrder(r1, r2);
        assertThat(endpoint.routable(cluster.topology())).doesNotContain(r1).contains(r2);
    }

    @Test
    void allExceptEndpointTakesInNewInstances() {
        cluster.createCustomEndpoint(CustomEndpoint.allExcept("batch", CustomEndpointType.READER, r1));
        cluster.addReader("late-reader", 2);
        assertThat(cluster.awaitAvailable("late-reader", Duration.ofSeconds(30))).isTrue();
        assertThat(cluster.customEndpoint("batch").orElseThrow().routable(cluster.topology()))
                .containsExactlyInAnyOrder(r2, "late-reader");
    }

    @Test
    void removedInstanceLeavesTheStaticListAndTheEndpointStaysStatic() {
        cluster.createCustomEndpoint(CustomEndpoint.ofMembers("one", CustomEndpointType.ANY, r2));
        cluster.removeReader(r2);
        CustomEndpoint endpoint = cluster.customEndpoint("one").orElseThrow();
        assertThat(endpoint.allExcept()).isFalse();
        assertThat(endpoint.staticMembers()).isEmpty();
        assertThat(endpoint.routable(cluster.topology())).isEmpty();
    }

    @Test
    void modifyReplacesTypeAndMembersAndDeleteRemovesTheEndpoint() {
        cluster.createCustomEndpoint(CustomEndpoint.ofMembers("ep", CustomEndpointType.READER, r1));
        cluster.modifyCustomEndpoint(CustomEndpoint.allExcept("ep", CustomEndpointType.ANY, r1));
        assertThat(cluster.customEndpoint("ep").orElseThrow().routable(cluster.topology()))
                .containsExactlyInAnyOrder(writer, r2);
        cluster.deleteCustomEndpoint("ep");
        assertThat(cluster.customEndpoints()).isEmpty();
    }

    @Test
    void unknownInstanceIsRefusedNamingIt() {
        assertThatThrownBy(() -> cluster.createCustomEndpoint(
                CustomEndpoint.ofMembers("ep", CustomEndpointType.ANY, r1, "nope")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("custom endpoint 'ep'").hasMessageContaining("no instance 'nope'");
        assertThat(cluster.customEndpoints()).isEmpty();
    }

    @Test
    void duplicateNameIsRefused() {
        cluster.createCustomEndpoint(CustomEndpoint.ofMembers("ep", CustomEndpointType.ANY, r1));
        assertThatThrownBy(() -> cluster.createCustomEndpoint(CustomEndpoint.ofMembers("ep", CustomEndpointType.ANY, r2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ep' already exists");
    }

    @Test
    void badNamesTypesAndTooManyEndpointsAreRefused() {
        assertThatThrownBy(() -> cluster.createCustomEndpoint(CustomEndpoint.ofMembers("Bad_Name", CustomEndpointType.ANY)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Bad_Name' is invalid");
        assertThatThrownBy(() -> cluster.createCustomEndpoint(CustomEndpoint.ofMembers("a--b", CustomEndpointType.ANY)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("consecutive hyphens");
        assertThatThrownBy(() -> CustomEndpointType.parse("EndpointType", "WRITER"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected READER or ANY");
        assertThatThrownBy(() -> cluster.modifyCustomEndpoint(CustomEndpoint.ofMembers("ghost", CustomEndpointType.ANY)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ghost' does not exist");
        for (int i = 0; i < CustomEndpoint.MAX_PER_CLUSTER; i++) {
            cluster.createCustomEndpoint(CustomEndpoint.allExcept("ep" + i, CustomEndpointType.ANY));
        }
        assertThatThrownBy(() -> cluster.createCustomEndpoint(CustomEndpoint.allExcept("ep9", CustomEndpointType.ANY)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("the maximum is 5");
    }
}

package dev.borealis.cluster.junit;

import dev.borealis.cluster.CustomEndpoint;
import dev.borealis.cluster.CustomEndpointType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@EmbeddedCluster(readers = 3, customEndpoints = {
        @CustomEndpointSpec(name = "analytics", members = {3, 4}),
        @CustomEndpointSpec(name = "rest", type = CustomEndpointType.ANY, excluded = 2)})
class CustomEndpointExtensionTest {

    @Test
    void annotatedCustomEndpointsExistWithTheNumberedInstances(ServedCluster cluster) {
        String name = cluster.name();
        CustomEndpoint analytics = cluster.cluster().customEndpoint("analytics").orElseThrow();
        assertThat(analytics.staticMembers()).containsExactly(name + "-instance-3", name + "-instance-4");
        assertThat(analytics.type()).isEqualTo(CustomEndpointType.READER);
        CustomEndpoint rest = cluster.cluster().customEndpoint("rest").orElseThrow();
        assertThat(rest.excludedMembers()).containsExactly(name + "-instance-2");
        assertThat(cluster.customEndpoint("analytics").orElseThrow().ip()).isIn(
                cluster.instanceEndpoint(name + "-instance-3").ip(), cluster.instanceEndpoint(name + "-instance-4").ip());
        assertThat(cluster.customJdbcUrl("analytics")).startsWith("jdbc:mysql://analytics.cluster-custom-");
        assertThat(cluster.customBorealisUrl("analytics")).startsWith("jdbc:borealis:mysql://analytics.cluster-custom-");
    }
}

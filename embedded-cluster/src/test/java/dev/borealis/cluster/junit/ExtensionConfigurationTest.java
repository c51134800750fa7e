package dev.borealis.cluster.junit;

import dev.borealis.cluster.Engine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Misuse of the extension fails the test with a message naming the problem, and cluster names derived
 * from test names are valid Aurora identifiers. The sample classes below run only through the test kit.
 */
class ExtensionConfigurationTest {

    @Test
    void aPerMethodClusterAskedForInBeforeAllIsAnErrorNamingTheLifecycle() {
        assertThat(failureMessageOf(PerMethodClusterInBeforeAll.class))
                .contains("PER_METHOD").contains("outside a test method");
    }

    @Test
    void aMethodAnnotationWithPerClassLifecycleIsAnError() {
        assertThat(failureMessageOf(PerClassOnMethod.class)).contains("cannot have lifecycle PER_CLASS");
    }

    @Test
    void aFinalFieldCannotReceiveTheCluster() {
        assertThat(failureMessageOf(FinalField.class)).contains("field FinalField.cluster is final");
    }

    @Test
    void withoutAnAnnotationThereIsNoCluster() {
        assertThat(failureMessageOf(NoAnnotation.class)).contains("no @EmbeddedCluster");
    }

    @Test
    void aCustomEndpointOverAnInstanceNumberThatDoesNotExistIsAnError() {
        assertThat(failureMessageOf(CustomEndpointOutOfRange.class)).contains("custom endpoint reads")
                .contains("instance number 5 is out of range 1..2");
    }

    @Test
    void derivedNamesAreValidAuroraIdentifiers() {
        assertThat(ClusterLauncher.uniqueName("MyVeryLongTestClassNameThatKeepsGoing"))
                .matches("myverylongtestclassnamet-[a-z0-9]{4}");
        assertThat(ClusterLauncher.uniqueName("42 ünïcode__Test()")).matches("n-code-test-[a-z0-9]{4}");
        assertThat(ClusterLauncher.uniqueName("1234")).matches("test-[a-z0-9]{4}");
    }

    private static String failureMessageOf(Class<?> sample) {
        Events failed = EngineTestKit.engine("junit-jupiter").selectors(selectClass(sample)).execute()
                .allEvents().failed();
        assertThat(failed.count()).as("failed events of " + sample.getSimpleName()).isPositive();
        return failed.stream()
                .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow())
                .map(r -> r.getThrowable().map(Throwable::getMessage).orElse(""))
                .reduce("", (a, b) -> a + " | " + b);
    }

    @EmbeddedCluster(engine = Engine.POSTGRESQL, readers = 0, lifecycle = EmbeddedCluster.Lifecycle.PER_METHOD)
    static class PerMethodClusterInBeforeAll {
        @BeforeAll
        static void setUp(ServedCluster cluster) {
        }

        @Test
        void test() {
        }
    }

    static class PerClassOnMethod {
        @Test
        @EmbeddedCluster(engine = Engine.POSTGRESQL, readers = 0, lifecycle = EmbeddedCluster.Lifecycle.PER_CLASS)
        void test() {
        }
    }

    @EmbeddedCluster(engine = Engine.POSTGRESQL, readers = 0)
    static class FinalField {
        final ServedCluster cluster = null;

        @Test
        void test() {
        }
    }

    @ExtendWith(EmbeddedClusterExtension.class)
    static class NoAnnotation {
        @Test
        void test(ServedCluster cluster) {
        }
    }

    @EmbeddedCluster(readers = 1, customEndpoints = @CustomEndpointSpec(name = "reads", members = 5))
    static class CustomEndpointOutOfRange {
        @Test
        void test(ServedCluster cluster) {
        }
    }
}

package dev.borealis.cluster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** IAM mode's settings: users that log in with tokens exist only when the cluster can verify tokens. */
class IamModeTest {

    @Test
    void iamUsersNeedIamMode() {
        assertThatThrownBy(() -> Cluster.builder().name("iamless").iamUser("app").start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("iam user").hasMessageContaining("iamAuth");
        try (Cluster cluster = Cluster.builder().name("iamless").start()) {
            assertThatThrownBy(() -> cluster.users().enableIam("app")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("IAM authentication is off");
            assertThat(cluster.users().isIamUser("app")).isFalse();
        }
    }

    @Test
    void iamUsersAreListedAndTheSecretKeyIsNot() {
        try (Cluster cluster = Cluster.builder().name("iamful").iamAuth("AKIDTEST", "very-secret-key", "eu-west-1")
                .iamUser("app").start()) {
            assertThat(cluster.users().isIamUser("app")).isTrue();
            assertThat(cluster.users().names()).contains("app", "admin");
            assertThat(cluster.users().iam()).get().extracting(a -> a.region()).isEqualTo("eu-west-1");
            assertThat(cluster.users().toString() + cluster.users().iam().get()).doesNotContain("very-secret-key");
        }
    }

    @Test
    void aBadRegionIsRefusedBeforeAnythingStarts() {
        assertThatThrownBy(() -> Cluster.builder().name("iambad").iamAuth("AKIDTEST", "k", "nowhere").start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("iam region: 'nowhere'");
    }
}

package dev.borealis.cluster.junit;

import dev.borealis.cluster.CustomEndpointType;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A custom endpoint an {@link EmbeddedCluster} starts with. Instances are numbered as the cluster creates them:
 * 1 is the first writer, 2.. the readers (ids {@code NAME-instance-N}), since a test does not know the random
 * cluster name when it writes the annotation.
 *
 * <pre>{@code
 * @EmbeddedCluster(readers = 3, customEndpoints = @CustomEndpointSpec(name = "analytics", members = {3, 4}))
 * }</pre>
 */
@Target({})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CustomEndpointSpec {

    /** The endpoint identifier: {@code NAME.cluster-custom-DNSID.DOMAIN}. */
    String name();

    CustomEndpointType type() default CustomEndpointType.READER;

    /** The static members by instance number; empty: every instance except {@link #excluded()}. */
    int[] members() default {};

    /** With no {@link #members()}: the instances left out (new instances join on their own). */
    int[] excluded() default {};
}

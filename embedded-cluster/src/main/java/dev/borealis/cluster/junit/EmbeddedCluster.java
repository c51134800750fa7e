package dev.borealis.cluster.junit;

import dev.borealis.cluster.Engine;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts an embedded Aurora-like cluster, serves it on its own loopback address block and injects a
 * {@link ServedCluster} into fields and parameters of that type (also {@code Cluster} and
 * {@code ClusterServer} parameters). On a class the cluster lives for the whole class by default;
 * on a method it lives for that method. Names resolve in the test JVM when it was started with
 * {@code -Djdk.net.hosts.file} (see {@code docs/junit.md}).
 *
 * <pre>{@code
 * @EmbeddedCluster(engine = Engine.POSTGRESQL, readers = 2)
 * class OrdersTest {
 *     @Test
 *     void survivesFailover(ServedCluster cluster) throws Exception { … cluster.crashWriter(); … }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EmbeddedClusterExtension.class)
public @interface EmbeddedCluster {

    Engine engine() default Engine.MYSQL;

    /** Readers besides the writer, 0..15. */
    int readers() default 2;

    /** Cluster identifier (prefix of hostnames); empty = derived from the test's name plus a random suffix. */
    String name() default "";

    /** How long the cluster lives; {@link Lifecycle#AUTO} follows where the annotation is placed. */
    Lifecycle lifecycle() default Lifecycle.AUTO;

    /** Shared port of every instance: 0 = a free one, -1 = the engine's usual port (3306 / 5432). */
    int port() default 0;

    /** Every reader's replica lag. */
    long replicaLagMs() default 5;

    /** Writer crash → automatic promotion of a reader. */
    long failoverDelayMs() default 500;

    /** Crash → the crashed instance rejoins. */
    long rebootDelayMs() default 1000;

    /** Failover → the cluster endpoint's DNS name follows the new writer (Aurora's TTL is 5 s). */
    long dnsDelayMs() default 5000;

    /** How often the reader endpoint moves to the next reader. */
    long readerRotationMs() default 5000;

    String user() default "admin";

    /** The user's password (a test fixture's, never logged). */
    String password() default "admin";

    /** Database in the URLs; empty = {@code postgres} for PostgreSQL, none for MySQL. */
    String database() default "";

    /** Force the fallback layout: every instance on 127.0.0.1 with a port of its own. */
    boolean portPerInstance() default false;

    /** Custom endpoints created once the cluster is up (Aurora allows 5). */
    CustomEndpointSpec[] customEndpoints() default {};

    /** When the cluster starts and stops. */
    enum Lifecycle {
        /** Per class when the annotation is on the class, per method when it is on the method. */
        AUTO,
        /** One cluster for every test of the class (and its {@code @Nested} classes). */
        PER_CLASS,
        /** A fresh cluster for every test method. */
        PER_METHOD
    }
}

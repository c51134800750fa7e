package dev.borealis.cluster.server;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import dev.borealis.cluster.wire.WireLimits;
import dev.borealis.cluster.wire.mysql.MySqlWireProtocol;
import dev.borealis.cluster.wire.pg.PgAuthMethod;
import dev.borealis.cluster.wire.pg.PgWireProtocol;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import static dev.borealis.cluster.server.ServerFixture.uniqueName;
import static dev.borealis.cluster.server.WireClients.connect;
import static dev.borealis.cluster.server.WireClients.selectOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Regression (issue 12): 545 wrong passwords per second from one address, then the right one worked. After a few
 * failures an address now waits before each attempt (growing, capped); the right password still works after it.
 */
class AuthThrottleTest {

    private static ClusterServer serve(Cluster cluster, WireLimits limits) throws IOException {
        // real password exchanges on both engines (the raw-client trust setup of WireClients is not wanted here)
        var protocol = cluster.engine() == Engine.MYSQL ? new MySqlWireProtocol(limits)
                : new PgWireProtocol(PgAuthMethod.SCRAM_SHA_256, limits);
        return ClusterServer.start(cluster, ServerOptions.defaults().withPort(0).withProtocol(protocol));
    }

    /** Wrong passwords tried one after another for {@code window}; returns how many were answered. */
    private static int wrongPasswordsWithin(ClusterServer server, Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        int attempts = 0;
        while (System.nanoTime() < deadline) {
            assertThatThrownBy(() -> connect(server, server.cluster().topology().writerId(), "wrong"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).as("access denied")
                            .isEqualTo(server.cluster().engine() == Engine.MYSQL ? "28000" : "28P01"));
            attempts++;
        }
        return attempts;
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void repeatedWrongPasswordsFromOneAddressAreSlowedAndTheRightOneStillWorks(Engine engine) throws Exception {
        // 3 free failures, then 100 ms doubling up to 400 ms (the defaults: 250 ms up to 2 s)
        WireLimits limits = WireLimits.defaults(engine).withAuthFailures(
                new WireLimits.AuthFailureDelay(3, Duration.ofMillis(100), Duration.ofMillis(400)));
        try (Cluster cluster = WireClients.cluster(engine, uniqueName("thr"));
             ClusterServer server = serve(cluster, limits)) {
            Duration window = Duration.ofMillis(1500);
            int attempts = wrongPasswordsWithin(server, window);
            System.out.printf("%s: %d wrong passwords answered in %d ms with the login delay%n", engine, attempts,
                    window.toMillis());
            // 3 free, then 100 + 200 + 400 + 400 ms (= 1.1 s), the next ends at 1.5 s or later
            assertThat(attempts).isBetween(4, 8);
            long start = System.nanoTime();
            try (Connection c = connect(server, cluster.topology().writerId(), "admin")) {
                assertThat(selectOne(c)).isEqualTo(1);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the right password waits the capped delay")
                    .isGreaterThanOrEqualTo(limits.authFailures().max());
            long fresh = System.nanoTime();
            try (Connection c = connect(server, cluster.topology().writerId(), "admin")) {
                assertThat(selectOne(c)).isEqualTo(1);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - fresh)).as("a success cleared the address")
                    .isLessThan(limits.authFailures().initial());
        }
    }

    /** The figure the issue reported, for comparison: no delay at all. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void withoutTheDelayWrongPasswordsAreAnsweredAtFullSpeed(Engine engine) throws Exception {
        WireLimits limits = WireLimits.defaults(engine).withAuthFailures(WireLimits.AuthFailureDelay.none());
        try (Cluster cluster = WireClients.cluster(engine, uniqueName("thrn"));
             ClusterServer server = serve(cluster, limits)) {
            Duration window = Duration.ofSeconds(1);
            int attempts = wrongPasswordsWithin(server, window);
            System.out.printf("%s: %d wrong passwords answered in %d ms without the login delay%n", engine, attempts,
                    window.toMillis());
            assertThat(attempts).isGreaterThan(7);
        }
    }
}

package dev.borealis.cluster.wire.mysql;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Regression (issue 12): a statement that overflowed the stack dropped the connection with no error packet. On a
 * connection thread with a small stack, a statement within the nesting bound still overflows; the client gets
 * ER_STACK_OVERRUN_NEED_MORE (1436) and the connection carries on.
 */
class StackOverflowTest {

    @Test
    void aStatementThatOverflowsTheStackGetsError1436AndTheConnectionCarriesOn() throws Exception {
        try (Cluster cluster = Cluster.builder().engine(Engine.MYSQL).name("overflow").start();
             TestServer server = new TestServer(cluster, null, 192 * 1024);
             Connection c = DriverManager.getConnection(server.url(cluster.writer().id(), "",
                     "allowPublicKeyRetrieval=true&useSSL=false"), "admin", "admin");
             Statement st = c.createStatement()) {
            int depth = NestingDepth.MAX - 1;
            assertThatThrownBy(() -> st.executeQuery("SELECT " + "(".repeat(depth) + "1" + ")".repeat(depth)))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(1436);
                        assertThat(e.getMessage()).startsWith("Thread stack overrun");
                    });
            try (ResultSet rs = st.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }
}

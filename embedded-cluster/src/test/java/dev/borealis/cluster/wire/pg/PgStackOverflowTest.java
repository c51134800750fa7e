package dev.borealis.cluster.wire.pg;

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
 * Regression (issue 12): a statement that overflowed the stack dropped the connection with no error. On a
 * connection thread with a small stack, a statement within the nesting bound still overflows; the client gets
 * 54001 "stack depth limit exceeded" and the connection carries on.
 */
class PgStackOverflowTest {

    @Test
    void aStatementThatOverflowsTheStackGets54001AndTheConnectionCarriesOn() throws Exception {
        try (Cluster cluster = Cluster.builder().engine(Engine.POSTGRESQL).name("pgoverflow").start();
             PgTestServer server = new PgTestServer(cluster, PgAuthMethod.SCRAM_SHA_256, 192 * 1024);
             Connection c = DriverManager.getConnection(server.writerUrl(""), "admin", "admin");
             Statement st = c.createStatement()) {
            int depth = PgNestingDepth.MAX - 1;
            assertThatThrownBy(() -> st.executeQuery("SELECT " + "(".repeat(depth) + "1" + ")".repeat(depth)))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("54001");
                        assertThat(e.getMessage()).contains("stack depth limit exceeded");
                    });
            try (ResultSet rs = st.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }
}

package dev.borealis.cluster.server;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import dev.borealis.cluster.wire.WireLimits;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static dev.borealis.cluster.server.ServerFixture.uniqueName;
import static dev.borealis.cluster.server.WireClients.connect;
import static dev.borealis.cluster.server.WireClients.selectOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Regression (issue 12): 20,000 nested parentheses overflowed the stack and dropped the connection without an
 * error. Now the nesting is bounded before H2 parses, with the engine's own error, and the connection carries on.
 */
class NestingDepthTest {

    private static String nested(int depth) {
        return "SELECT " + "(".repeat(depth) + "1" + ")".repeat(depth);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void deeplyNestedParenthesesGetTheEnginesErrorAndTheConnectionLives(Engine engine) throws Exception {
        try (Cluster cluster = WireClients.cluster(engine, uniqueName("deep"));
             ClusterServer server = WireClients.serve(cluster, WireLimits.defaults(engine));
             Connection c = connect(server)) {
            try (Statement st = c.createStatement()) {
                assertThatThrownBy(() -> st.executeQuery(nested(20_000))).isInstanceOfSatisfying(SQLException.class,
                        e -> assertDepthError(engine, e));
            }
            try (PreparedStatement ps = c.prepareStatement(nested(20_000) + " + ?")) {
                ps.setInt(1, 1);
                assertThatThrownBy(ps::executeQuery).isInstanceOfSatisfying(SQLException.class,
                        e -> assertDepthError(engine, e));
            } catch (SQLException e) {
                assertDepthError(engine, e); // Connector/J with server-side prepare fails at prepareStatement
            }
            assertThat(selectOne(c)).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void nestingUpToTheBoundStillRuns(Engine engine) throws Exception {
        try (Cluster cluster = WireClients.cluster(engine, uniqueName("deepok"));
             ClusterServer server = WireClients.serve(cluster, WireLimits.defaults(engine));
             Connection c = connect(server); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(nested(1000))) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    private static void assertDepthError(Engine engine, SQLException e) {
        if (engine == Engine.MYSQL) {
            assertThat(e.getErrorCode()).isEqualTo(1064);
            assertThat(e.getMessage()).startsWith("memory exhausted near '((((");
        } else {
            assertThat(e.getSQLState()).isEqualTo("54001");
            assertThat(e.getMessage()).contains("stack depth limit exceeded");
        }
    }
}

package dev.borealis.cluster.wire.pg;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every authentication method admits the right password and refuses a wrong one with 28P01. */
class PgAuthenticationTest {

    private static Cluster cluster;

    @BeforeAll
    static void start() {
        cluster = Cluster.builder().engine(Engine.POSTGRESQL).name("pgauth").readers(0).user("alice", "pässword!").start();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @ParameterizedTest
    @EnumSource(PgAuthMethod.class)
    void rightPasswordConnectsAndReportsServerParameters(PgAuthMethod method) throws Exception {
        try (PgTestServer server = new PgTestServer(cluster, method);
             Connection c = DriverManager.getConnection(server.writerUrl("ApplicationName=auth-test"), "alice", "pässword!");
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_setting('application_name'),"
                     + " current_setting('is_superuser'), current_setting('TimeZone')")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("auth-test");
            assertThat(rs.getString(2)).isEqualTo("on");
            assertThat(rs.getString(3)).isEqualTo("UTC");
            assertThat(c.getMetaData().getDatabaseProductVersion()).isEqualTo("16.4");
        }
    }

    @ParameterizedTest
    @EnumSource(value = PgAuthMethod.class, names = {"SCRAM_SHA_256", "MD5", "PASSWORD"})
    void wrongPasswordIsRefusedWith28P01(PgAuthMethod method) throws Exception {
        try (PgTestServer server = new PgTestServer(cluster, method)) {
            assertThatThrownBy(() -> DriverManager.getConnection(server.writerUrl(""), "alice", "wrong").close())
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"))
                    .hasMessageNotContaining("pässword");
            assertThatThrownBy(() -> DriverManager.getConnection(server.writerUrl(""), "mallory", "wrong").close())
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
        }
    }
}

package dev.borealis.cluster.wire.pg;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class PgJdbcScriptTest {

    private static Cluster cluster;
    private static PgTestServer server;

    @BeforeAll
    static void start() {
        cluster = Cluster.builder().engine(Engine.POSTGRESQL).name("pgscript").readers(1).user("app", "s3cret").start();
        server = new PgTestServer(cluster, PgAuthMethod.SCRAM_SHA_256);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        cluster.close();
    }

    private static Connection connect(String extra) throws Exception {
        return DriverManager.getConnection(server.writerUrl(extra), "app", "s3cret");
    }

    @Test
    void connectsAndSelects() throws Exception {
        try (Connection c = connect(""); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1 AS one, 'x' AS s")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt("one")).isEqualTo(1);
            assertThat(rs.getString(2)).isEqualTo("x");
        }
    }
}

package dev.borealis.cluster.wire.mysql;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** Values over 16 MB cross the wire split into several packets, both ways, in both protocols. */
class LargePacketTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void seventeenMegabyteValueRoundTrips(boolean serverPrepared) throws Exception {
        String big = "0123456789abcdef".repeat(17 * 1024 * 1024 / 16 + 5);
        try (Cluster cluster = Cluster.builder().engine(Engine.MYSQL).name("large").start();
             TestServer server = new TestServer(cluster, null);
             Connection c = DriverManager.getConnection(server.url(cluster.writer().id(), "",
                     "allowPublicKeyRetrieval=true&useSSL=false&useServerPrepStmts=" + serverPrepared), "admin", "admin")) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE big");
                st.execute("CREATE TABLE big.t (id INT PRIMARY KEY, body LONGTEXT)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO big.t VALUES (1, ?)")) {
                ps.setString(1, big);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT body, LENGTH(body) FROM big.t WHERE id = ?")) {
                ps.setInt(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getLong(2)).isEqualTo(big.length());
                    assertThat(rs.getString(1)).isEqualTo(big);
                }
            }
        }
    }
}

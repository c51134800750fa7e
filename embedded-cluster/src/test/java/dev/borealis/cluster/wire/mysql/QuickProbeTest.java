package dev.borealis.cluster.wire.mysql;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

class QuickProbeTest {
    @Test
    void probe() throws Exception {
        try (Cluster cluster = Cluster.builder().engine(Engine.MYSQL).name("probe").readers(1).start();
             TestServer server = new TestServer(cluster, null)) {
            String w = cluster.writer().id();
            try (Connection c = DriverManager.getConnection(server.url(w, "", "allowPublicKeyRetrieval=true&useSSL=false"), "admin", "admin")) {
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT @@aurora_server_id, @@innodb_read_only, version()");
                rs.next();
                System.out.println("RESULT " + rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
        }
    }
}

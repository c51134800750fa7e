package dev.borealis.cluster.junit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Small JDBC helpers for these tests. */
final class Jdbc {

    private Jdbc() {
    }

    static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            if (!rs.next()) {
                throw new AssertionError("no row from " + sql);
            }
            return rs.getString(1);
        }
    }

    static int update(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        }
    }

    /** The id of the instance a connection is on, asked the way each engine's Aurora answers it. */
    static String instanceId(Connection connection, ServedCluster cluster) throws SQLException {
        return queryString(connection, cluster.engine() == dev.borealis.cluster.Engine.MYSQL
                ? "SELECT @@aurora_server_id" : "SELECT aurora_db_instance_identifier()");
    }
}

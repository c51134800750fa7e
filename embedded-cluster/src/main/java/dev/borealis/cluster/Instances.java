package dev.borealis.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the instance that owns an H2 database, for system functions (e.g. {@code AURORA_SERVER_ID()})
 * that H2 calls with the session's connection.
 */
public final class Instances {

    private static final Map<String, Instance> BY_DATABASE = new ConcurrentHashMap<>();

    private Instances() {
    }

    /** The instance whose database {@code h2} is connected to. */
    public static Instance of(Connection h2) throws SQLException {
        Instance instance = BY_DATABASE.get(h2.getCatalog());
        if (instance == null) {
            throw new SQLException("no cluster instance owns database " + h2.getCatalog(), "XX000");
        }
        return instance;
    }

    /** Registers a database name; internal to the cluster. */
    public static void register(String databaseName, Instance instance) {
        BY_DATABASE.put(databaseName, instance);
    }

    public static void unregister(String databaseName) {
        BY_DATABASE.remove(databaseName);
    }
}

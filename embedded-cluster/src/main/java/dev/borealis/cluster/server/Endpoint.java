package dev.borealis.cluster.server;

import dev.borealis.cluster.Engine;

/**
 * Where clients connect: the hostname (resolvable through the cluster's hosts file), the address it
 * resolves to now, and the port.
 */
public record Endpoint(String host, String ip, int port) {

    /** A raw-driver URL by hostname: {@code jdbc:mysql://host:port/db} or {@code jdbc:postgresql://host:port/db}. */
    public String jdbcUrl(Engine engine, String database) {
        return url(engine, host, database);
    }

    /** A raw-driver URL by IP address, for JVMs that do not read the cluster's hosts file. */
    public String jdbcUrlByIp(Engine engine, String database) {
        return url(engine, ip, database);
    }

    private String url(Engine engine, String address, String database) {
        String scheme = engine == Engine.MYSQL ? "jdbc:mysql://" : "jdbc:postgresql://";
        return scheme + address + ":" + port + "/" + (database == null ? "" : database);
    }
}

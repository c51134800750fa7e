package dev.borealis.cluster;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Installs an engine's system surface (functions, views, catalog tables, variables) into a fresh
 * instance database, e.g. Aurora MySQL's {@code information_schema.replica_host_status}. Found with
 * {@link java.util.ServiceLoader}; every implementation whose {@link #engine()} matches runs on every
 * instance database the cluster creates, before any session opens.
 */
public interface InstanceSurface {

    Engine engine();

    void install(Connection h2, Instance instance) throws SQLException;
}

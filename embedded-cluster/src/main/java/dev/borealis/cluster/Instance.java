package dev.borealis.cluster;

import java.sql.SQLException;
import java.time.Duration;

/** A compute instance: a cache of the volume with its own H2 database, serving sessions. */
public interface Instance {

    String id();

    Role role();

    InstanceState state();

    int tier();

    /** The Aurora instance class, e.g. {@code db.r6g.large}. */
    InstanceClass instanceClass();

    /** The replica lag this instance applies the log with when it is a reader. */
    Duration replicaLag();

    /** The availability zone it runs in ({@code az1}..{@code az3}). */
    String availabilityZone();

    Engine engine();

    String clusterName();

    /** The whole cluster's topology as this instance would report it. */
    Topology topology();

    /** Highest LSN whose changes are visible here. */
    long appliedLsn();

    /**
     * Opens a session. Fails with the engine's connection error when the instance is not
     * {@link InstanceState#AVAILABLE}.
     */
    Session openSession() throws SQLException;
}

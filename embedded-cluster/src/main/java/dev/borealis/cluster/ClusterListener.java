package dev.borealis.cluster;

/** Notified of cluster events, e.g. by the network layer to close sockets and move DNS names. */
public interface ClusterListener {

    /** The instance went down (crash, promotion reboot, removal): drop its client connections. */
    default void instanceDown(String instanceId) {
    }

    /** Roles, membership or availability changed. */
    default void topologyChanged(Topology topology) {
    }
}

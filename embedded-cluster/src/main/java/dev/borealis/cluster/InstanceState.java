package dev.borealis.cluster;

/** Life cycle of a compute instance: STARTING → AVAILABLE → (CRASHED → STARTING …) → STOPPED. */
public enum InstanceState {
    /** Rebuilding its cache from the volume; refuses sessions. */
    STARTING,
    /** Serving sessions. */
    AVAILABLE,
    /** Down: its sessions are gone and it refuses new ones until restarted. */
    CRASHED,
    /** Removed from the cluster or the cluster closed. */
    STOPPED
}

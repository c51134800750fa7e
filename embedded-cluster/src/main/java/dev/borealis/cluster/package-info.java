/** An in-process Aurora-like cluster: quorum storage volume, compute instances, replication, faults. */
package dev.borealis.cluster;

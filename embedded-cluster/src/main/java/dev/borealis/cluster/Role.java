package dev.borealis.cluster;

/** An instance's role in the cluster. */
public enum Role {
    WRITER,
    READER
}

/**
 * JUnit 5 support: {@link dev.borealis.cluster.junit.EmbeddedCluster @EmbeddedCluster} starts a served
 * embedded cluster for a test class or method and injects a {@link dev.borealis.cluster.junit.ServedCluster}
 * (JDBC URLs, endpoints, faults). JUnit's API is an optional dependency of this module: only code that
 * uses this package needs it. See {@code docs/junit.md}.
 */
package dev.borealis.cluster.junit;

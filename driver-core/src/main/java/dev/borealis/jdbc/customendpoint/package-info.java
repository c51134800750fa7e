/**
 * The {@code customEndpoint} plugin: when the URL names an Aurora custom endpoint, the connection's reads, switches
 * and failovers stay inside the endpoint's member set, which a shared monitor re-reads from a
 * DescribeDBClusterEndpoints-shaped service (the embedded cluster's admin API).
 */
package dev.borealis.jdbc.customendpoint;

/**
 * The embedded cluster's network layer: {@link dev.borealis.cluster.server.ClusterServer} puts a
 * started cluster on loopback addresses (one per instance, one shared port; 127.0.0.1 with a port
 * each where extra loopback addresses cannot be bound), keeps a hosts-format file of Aurora-shaped
 * hostnames current (the cluster endpoint follows a new writer only after the DNS delay), injects
 * per-instance network faults ({@link dev.borealis.cluster.server.NetworkFault}) and hands each
 * accepted client to the engine's {@link dev.borealis.cluster.wire.WireProtocol}. The {@code admin}
 * subpackage is the HTTP API over all of this; {@code dev.borealis.cluster.cli} is the runnable jar.
 *
 * <p>Name resolution: a JVM reads the hosts file only when started with
 * {@code -Djdk.net.hosts.file=PATH}; it cannot be switched on in a running JVM, so in-process clients
 * connect by IP ({@link dev.borealis.cluster.server.Endpoint#jdbcUrlByIp}) or the test launches a
 * child JVM.
 */
package dev.borealis.cluster.server;

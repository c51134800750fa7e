/**
 * The seam between the network layer (listeners, endpoints, faults) and the wire protocol
 * frontends ({@code wire.mysql}, {@code wire.pg}): the network layer accepts a client on an
 * instance's endpoint and hands it to the engine's {@link dev.borealis.cluster.wire.WireProtocol}.
 */
package dev.borealis.cluster.wire;

package dev.borealis.jdbc.customendpoint;

import dev.borealis.jdbc.spi.HostRole;
import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.spi.Topology;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * One read of a custom endpoint's definition. Aurora's rule: a non-empty {@code StaticMembers} is the set; otherwise
 * every instance not in {@code ExcludedMembers}. A {@code READER} endpoint never routes to the writer, even a
 * listed one.
 *
 * @param readersOnly {@code CustomEndpointType} is {@code READER}
 * @param allExcept   {@code listed} are the excluded instances rather than the members
 * @param listed      instance identifiers, lower-cased
 */
record EndpointInfo(String name, boolean readersOnly, boolean allExcept, Set<String> listed) {

  EndpointInfo {
    Set<String> lower = new TreeSet<>();
    listed.forEach(id -> lower.add(id.toLowerCase(Locale.ROOT)));
    listed = java.util.Collections.unmodifiableSet(lower);
  }

  boolean allows(HostSpec host) {
    String id = host.instanceId();
    boolean member = id != null && allExcept != listed.contains(id.toLowerCase(Locale.ROOT));
    return member && !(readersOnly && host.role() == HostRole.WRITER);
  }

  /** The part of {@code topology} this endpoint routes to; a topology not read from the cluster stays whole. */
  Topology view(Topology topology) {
    if (!topology.fromTopologyQuery()) {
      return topology;
    }
    return new Topology(topology.hosts().stream().filter(this::allows).toList(), topology.readAtNanos(), true);
  }

  @Override
  public String toString() {
    return "custom endpoint " + name + " (" + (readersOnly ? "READER" : "ANY") + ", "
        + (allExcept ? "all except " : "members ") + listed + ")";
  }
}

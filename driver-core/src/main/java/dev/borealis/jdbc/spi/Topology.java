package dev.borealis.jdbc.spi;

import java.util.List;
import java.util.Optional;

/**
 * The instances of one cluster at one moment. Immutable; a refresh produces a new one.
 *
 * @param hosts         every instance known, writer first when there is one
 * @param readAtNanos   {@link System#nanoTime()}-style clock reading when it was read; for staleness only
 * @param fromTopologyQuery false when the hosts come from the URL and no topology was ever read
 */
public record Topology(List<HostSpec> hosts, long readAtNanos, boolean fromTopologyQuery) {

  public Topology {
    hosts = List.copyOf(hosts);
  }

  public static Topology fromUrl(List<HostSpec> hosts, long nowNanos) {
    return new Topology(hosts, nowNanos, false);
  }

  public Optional<HostSpec> writer() {
    return hosts.stream().filter(h -> h.role() == HostRole.WRITER).findFirst();
  }

  public List<HostSpec> readers() {
    return hosts.stream().filter(h -> h.role() == HostRole.READER).toList();
  }

  /** The entry for the same address, carrying the current role and lag. */
  public Optional<HostSpec> find(HostSpec address) {
    return hosts.stream().filter(h -> h.sameAddress(address)).findFirst();
  }

  /** Same instances in the same roles; lag changes alone are not a host-list change. */
  public boolean sameMembership(Topology other) {
    if (other == null || other.hosts.size() != hosts.size()) {
      return false;
    }
    for (HostSpec h : hosts) {
      Optional<HostSpec> o = other.find(h);
      if (o.isEmpty() || o.get().role() != h.role()) {
        return false;
      }
    }
    return true;
  }
}

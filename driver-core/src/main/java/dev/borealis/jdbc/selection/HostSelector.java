package dev.borealis.jdbc.selection;

import dev.borealis.jdbc.spi.HostSpec;
import java.util.List;

/** Picks one of several eligible hosts for a new connection. Implementations are thread-safe. */
public interface HostSelector {

  /** {@code candidates} is non-empty and already filtered (role, {@code maxReplicaLagMs}). */
  HostSpec select(List<HostSpec> candidates);
}

package dev.borealis.cluster.server;

import dev.borealis.cluster.CustomEndpoint;
import dev.borealis.cluster.Topology;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each custom endpoint's name resolves to. A new endpoint resolves at once; a change of its routable set
 * (membership, roles, availability) reaches DNS only once it has held for the DNS delay, like the cluster
 * endpoint after a failover, except that an instance that left the cluster drops out at once (it has no address
 * any more). The name moves round robin over the published set, as Aurora's DNS spreads connections; an endpoint
 * with nothing routable does not resolve. Guarded by the owning {@link DnsTable}.
 */
final class CustomEndpointDns {

    private final long delayNanos;
    private final Map<String, State> states = new HashMap<>();

    CustomEndpointDns(long delayNanos) {
        this.delayNanos = delayNanos;
    }

    private static final class State {
        List<String> published;
        List<String> pending;
        long pendingSince;
        int rotation;
        String target;
    }

    /** @return nanoseconds until the next pending change is due, or -1 when none is pending */
    long update(List<CustomEndpoint> endpoints, Topology topology, long now, boolean rotate) {
        states.keySet().retainAll(endpoints.stream().map(CustomEndpoint::name).toList());
        long due = -1;
        for (CustomEndpoint endpoint : endpoints) {
            long next = update(states.computeIfAbsent(endpoint.name(), n -> new State()), endpoint.routable(topology),
                    topology, now, rotate);
            if (next >= 0 && (due < 0 || next < due)) {
                due = next;
            }
        }
        return due;
    }

    private long update(State state, List<String> wanted, Topology topology, long now, boolean rotate) {
        long due = -1;
        if (state.published == null || wanted.equals(state.published)) {
            state.published = wanted;
            state.pending = null;
        } else {
            if (!wanted.equals(state.pending)) {
                state.pending = wanted;
                state.pendingSince = now;
            }
            long waited = now - state.pendingSince;
            if (waited >= delayNanos) {
                state.published = wanted;
                state.pending = null;
            } else {
                state.published = state.published.stream().filter(id -> topology.instance(id).isPresent()).toList();
                due = delayNanos - waited;
            }
        }
        rotate(state, rotate);
        return due;
    }

    private static void rotate(State state, boolean rotate) {
        List<String> names = state.published;
        if (names.isEmpty()) {
            state.target = null;
            return;
        }
        if (rotate) {
            state.rotation++;
        }
        if (rotate || state.target == null || !names.contains(state.target)) {
            state.target = names.get(Math.floorMod(state.rotation, names.size()));
        }
    }

    /** The instance the endpoint's name points at now, if it resolves. */
    Optional<String> target(String name) {
        State state = states.get(name);
        return state == null ? Optional.empty() : Optional.ofNullable(state.target);
    }

    /** The instances DNS currently spreads the endpoint's connections over. */
    List<String> published(String name) {
        State state = states.get(name);
        return state == null || state.published == null ? List.of() : state.published;
    }
}

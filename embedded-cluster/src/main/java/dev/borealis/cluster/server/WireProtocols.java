package dev.borealis.cluster.server;

import dev.borealis.cluster.Engine;
import dev.borealis.cluster.wire.WireProtocol;

import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds the wire protocol frontend for an engine among those registered with {@link ServiceLoader}. */
public final class WireProtocols {

    private WireProtocols() {
    }

    public static WireProtocol find(Engine engine) {
        List<WireProtocol> found = ServiceLoader.load(WireProtocol.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.engine() == engine)
                .toList();
        if (found.isEmpty()) {
            throw new IllegalStateException("no wire protocol for " + engine.displayName()
                    + " is on the class path (no META-INF/services/" + WireProtocol.class.getName()
                    + " entry reports engine " + engine + ")");
        }
        if (found.size() > 1) {
            throw new IllegalStateException("several wire protocols for " + engine.displayName() + ": "
                    + found.stream().map(p -> p.getClass().getName()).collect(Collectors.joining(", ")));
        }
        return found.get(0);
    }
}

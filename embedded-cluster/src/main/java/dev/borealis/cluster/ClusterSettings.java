package dev.borealis.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A cluster's validated, immutable configuration (made by {@link ClusterBuilder}).
 *
 * @param instances the writer first, then the readers
 * @param replicaLag lag given to readers added later
 * @param failoverDelay detection-and-promotion time after the writer crashes
 * @param rebootDelay time a crashed or demoted instance takes to come back as a reader
 * @param commitTimeout how long a commit waits for a write quorum before it fails
 * @param lockTimeout how long a statement waits for a row or table lock
 * @param autoRestart whether crashed instances reboot by themselves (as on Aurora)
 * @param checkpointInterval LSNs between storage checkpoints (the log before one is discarded)
 */
public record ClusterSettings(Engine engine, String name, List<InstanceSpec> instances, Duration replicaLag,
                              Duration failoverDelay, Duration rebootDelay, Duration commitTimeout,
                              Duration lockTimeout, boolean autoRestart, long checkpointInterval,
                              Map<String, String> users, Ticker ticker, Clock clock) {

    public static final int MAX_READERS = 15;
    public static final int MAX_TIER = 15;
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    /** One instance: its id, promotion tier, replica lag and instance class. */
    public record InstanceSpec(String id, int tier, Duration lag, InstanceClass instanceClass) {
    }

    public ClusterSettings {
        instances = List.copyOf(instances);
        users = Map.copyOf(users);
    }

    ClusterSettings renamed(String newName) {
        List<InstanceSpec> renamed = new ArrayList<>();
        for (InstanceSpec spec : instances) {
            String id = spec.id().startsWith(name + "-") ? newName + spec.id().substring(name.length()) : spec.id();
            renamed.add(new InstanceSpec(id, spec.tier(), spec.lag(), spec.instanceClass()));
        }
        return new ClusterSettings(engine, newName, renamed, replicaLag, failoverDelay, rebootDelay, commitTimeout,
                lockTimeout, autoRestart, checkpointInterval, users, ticker, clock);
    }

    static void checkId(String what, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(what + ": '" + id + "' is invalid (1-63 characters: lower-case"
                    + " letters, digits and hyphens, starting with a letter, as Aurora identifiers)");
        }
    }

    static void checkTier(int tier) {
        if (tier < 0 || tier > MAX_TIER) {
            throw new IllegalArgumentException("tier: " + tier + " is out of range 0.." + MAX_TIER);
        }
    }

    static void checkLag(String what, Duration lag) {
        if (lag == null || lag.isNegative()) {
            throw new IllegalArgumentException(what + ": " + lag + " is invalid (must be zero or positive)");
        }
    }

    static void checkPositive(String what, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(what + ": " + value + " is invalid (must be zero or positive)");
        }
    }
}

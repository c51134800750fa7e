package dev.borealis.cluster;

import dev.borealis.cluster.storage.Volume;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds and starts a {@link Cluster}. Every setting is checked in {@link #start()}, which fails
 * with an {@link IllegalArgumentException} naming the setting, the value and the rule.
 */
public final class ClusterBuilder {

    /** Records the writer may run ahead of the durable end of the log (back-pressure). */
    static final long MAX_LSNS_AHEAD = 1_000_000;

    private Engine engine = Engine.MYSQL;
    private String name = "borealis";
    private String writerId;
    private int defaultReaders = 0;
    private final List<ClusterSettings.InstanceSpec> explicitReaders = new ArrayList<>();
    private Duration replicaLag = Duration.ofMillis(5);
    private Duration failoverDelay = Duration.ofSeconds(1);
    private Duration rebootDelay = Duration.ofSeconds(1);
    private Duration commitTimeout = Duration.ofSeconds(5);
    private Duration lockTimeout = Duration.ofSeconds(10);
    private boolean autoRestart = true;
    private long checkpointInterval = 50_000;
    private final Map<String, String> users = new LinkedHashMap<>();
    private Ticker ticker = Ticker.system();
    private Clock clock = Clock.systemUTC();
    private String iamAccessKeyId;
    private String iamSecretAccessKey;
    private String iamRegion = "us-east-1";
    private final Set<String> iamUsers = new java.util.LinkedHashSet<>();

    ClusterBuilder() {
    }

    public ClusterBuilder engine(Engine engine) {
        this.engine = engine;
        return this;
    }

    public ClusterBuilder engine(String engine) {
        this.engine = Engine.parse(engine);
        return this;
    }

    /** The cluster identifier (also the prefix of instance ids and hostnames). */
    public ClusterBuilder name(String name) {
        this.name = name;
        return this;
    }

    /** The writer's instance id; default {@code NAME-instance-1}. */
    public ClusterBuilder writerId(String id) {
        this.writerId = id;
        return this;
    }

    /** Adds {@code count} readers with default ids ({@code NAME-instance-2}, …), tier 1 and the default lag. */
    public ClusterBuilder readers(int count) {
        this.defaultReaders = count;
        return this;
    }

    /** Adds a reader with its own id, promotion tier (0 promotes first) and replica lag. */
    public ClusterBuilder reader(String id, int tier, Duration lag) {
        explicitReaders.add(new ClusterSettings.InstanceSpec(id, tier, lag, InstanceClass.DEFAULT));
        return this;
    }

    /** Adds a reader of a given instance class (e.g. {@code db.r6g.2xlarge}); within a tier the largest is promoted. */
    public ClusterBuilder reader(String id, int tier, Duration lag, String instanceClass) {
        explicitReaders.add(new ClusterSettings.InstanceSpec(id, tier, lag, InstanceClass.parse(instanceClass)));
        return this;
    }

    /** Replica lag of readers that do not set their own (default 5 ms, like Aurora's typical lag). */
    public ClusterBuilder replicaLag(Duration lag) {
        this.replicaLag = lag;
        return this;
    }

    /** Time from a writer crash to the promotion of a reader (default 1 s; Aurora takes tens of seconds). */
    public ClusterBuilder failoverDelay(Duration delay) {
        this.failoverDelay = delay;
        return this;
    }

    /** Time a crashed or demoted instance takes to reboot as a reader (default 1 s). */
    public ClusterBuilder rebootDelay(Duration delay) {
        this.rebootDelay = delay;
        return this;
    }

    /** Whether crashed instances reboot by themselves after the reboot delay (default true). */
    public ClusterBuilder autoRestart(boolean autoRestart) {
        this.autoRestart = autoRestart;
        return this;
    }

    /**
     * LSNs between storage checkpoints (default 50,000). Instances start from the latest checkpoint and
     * replay only the log after it; the log before it is discarded, so backtrack reaches back to it.
     */
    public ClusterBuilder checkpointInterval(long lsns) {
        this.checkpointInterval = lsns;
        return this;
    }

    /** How long a commit waits for a storage write quorum before failing (default 5 s). */
    public ClusterBuilder commitTimeout(Duration timeout) {
        this.commitTimeout = timeout;
        return this;
    }

    /** How long statements wait for locks (default 10 s). */
    public ClusterBuilder lockTimeout(Duration timeout) {
        this.lockTimeout = timeout;
        return this;
    }

    /** Adds a database user (default: {@code admin} / {@code admin} when none is given). */
    public ClusterBuilder user(String user, String password) {
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("user: a user name is required");
        }
        users.put(user, Objects.requireNonNull(password, "password"));
        return this;
    }

    /**
     * Turns on RDS IAM authentication in region {@code us-east-1}: tokens signed with these (test) credentials are
     * accepted for the users named with {@link #iamUser} or {@link Users#enableIam}.
     */
    public ClusterBuilder iamAuth(String accessKeyId, String secretAccessKey) {
        return iamAuth(accessKeyId, secretAccessKey, "us-east-1");
    }

    /** Turns on RDS IAM authentication: tokens must be signed with these credentials for {@code region}. */
    public ClusterBuilder iamAuth(String accessKeyId, String secretAccessKey, String region) {
        this.iamAccessKeyId = accessKeyId;
        this.iamSecretAccessKey = secretAccessKey;
        this.iamRegion = region;
        return this;
    }

    /** Adds a user that logs in with an IAM token only (needs {@link #iamAuth}). */
    public ClusterBuilder iamUser(String user) {
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("iam user: a user name is required");
        }
        iamUsers.add(user);
        return this;
    }

    public ClusterBuilder ticker(Ticker ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        return this;
    }

    public ClusterBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Validates the settings and starts the cluster: every instance is AVAILABLE when this returns. */
    public Cluster start() {
        ClusterSettings settings = settings();
        dev.borealis.cluster.auth.IamAuth iam = iamAuth();
        Cluster cluster = Cluster.start(settings, new Volume(settings.ticker(), settings.clock(), MAX_LSNS_AHEAD));
        if (iam != null) {
            cluster.users().configureIam(iam);
            iamUsers.forEach(cluster.users()::enableIam);
        }
        return cluster;
    }

    /** The IAM verifier, validated before anything starts; null when IAM mode is off. */
    private dev.borealis.cluster.auth.IamAuth iamAuth() {
        if (iamAccessKeyId == null && iamSecretAccessKey == null) {
            if (!iamUsers.isEmpty()) {
                throw new IllegalArgumentException("iam user: " + iamUsers + " needs IAM mode (call iamAuth first)");
            }
            return null;
        }
        return new dev.borealis.cluster.auth.IamAuth(iamAccessKeyId, iamSecretAccessKey, iamRegion, clock);
    }

    ClusterSettings settings() {
        if (engine == null) {
            throw new IllegalArgumentException("engine: a value is required (mysql or postgresql)");
        }
        ClusterSettings.checkId("cluster name", name);
        int total = defaultReaders + explicitReaders.size();
        if (defaultReaders < 0 || total > ClusterSettings.MAX_READERS) {
            throw new IllegalArgumentException("readers: " + (defaultReaders < 0 ? defaultReaders : total)
                    + " is out of range 0.." + ClusterSettings.MAX_READERS + " (Aurora allows up to 15 readers)");
        }
        ClusterSettings.checkLag("replica lag", replicaLag);
        ClusterSettings.checkPositive("failover delay", failoverDelay);
        ClusterSettings.checkPositive("reboot delay", rebootDelay);
        ClusterSettings.checkPositive("commit timeout", commitTimeout);
        ClusterSettings.checkPositive("lock timeout", lockTimeout);
        if (checkpointInterval < 1) {
            throw new IllegalArgumentException("checkpoint interval: " + checkpointInterval + " is invalid (at least 1 LSN)");
        }
        List<ClusterSettings.InstanceSpec> specs = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String writer = writerId != null ? writerId : name + "-instance-1";
        specs.add(new ClusterSettings.InstanceSpec(writer, 1, replicaLag, InstanceClass.DEFAULT));
        int next = 2;
        for (int i = 0; i < defaultReaders; i++) {
            String id;
            do {
                id = name + "-instance-" + next++;
            } while (id.equals(writer) || containsId(explicitReaders, id));
            specs.add(new ClusterSettings.InstanceSpec(id, 1, replicaLag, InstanceClass.DEFAULT));
        }
        for (ClusterSettings.InstanceSpec spec : explicitReaders) {
            ClusterSettings.checkTier(spec.tier());
            ClusterSettings.checkLag("replica lag of " + spec.id(), spec.lag());
            specs.add(spec);
        }
        for (ClusterSettings.InstanceSpec spec : specs) {
            ClusterSettings.checkId("instance id", spec.id());
            if (!ids.add(spec.id())) {
                throw new IllegalArgumentException("instance id: '" + spec.id() + "' is used twice");
            }
        }
        Map<String, String> userMap = users.isEmpty() ? Map.of("admin", "admin") : users;
        return new ClusterSettings(engine, name, specs, replicaLag, failoverDelay, rebootDelay, commitTimeout,
                lockTimeout, autoRestart, checkpointInterval, userMap, ticker, clock);
    }

    private static boolean containsId(List<ClusterSettings.InstanceSpec> specs, String id) {
        return specs.stream().anyMatch(s -> s.id().equals(id));
    }
}

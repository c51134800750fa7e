package dev.borealis.cluster;

/**
 * The errors the cluster raises, with the SQLSTATE and vendor code each engine really uses, so that
 * clients (and their failover logic) classify them as they would against Aurora.
 */
public final class EngineErrors {

    private EngineErrors() {
    }

    /** A write on a reader (Aurora MySQL 1290 "--read-only"; PostgreSQL 25006). */
    public static ClusterSqlException readOnlyInstance(Engine engine, String instanceId) {
        return engine == Engine.MYSQL
                ? new ClusterSqlException(ClusterSqlException.Kind.READ_ONLY,
                        "The MySQL server is running with the --read-only option so it cannot execute this statement",
                        "HY000", 1290, null)
                : new ClusterSqlException(ClusterSqlException.Kind.READ_ONLY,
                        "cannot execute this statement in a read-only transaction (instance " + instanceId
                                + " is a reader)", "25006", 0, null);
    }

    /** A write inside a transaction started READ ONLY (MySQL 1792 / 25006; PostgreSQL 25006). */
    public static ClusterSqlException readOnlyTransaction(Engine engine) {
        return engine == Engine.MYSQL
                ? new ClusterSqlException(ClusterSqlException.Kind.READ_ONLY,
                        "Cannot execute statement in a READ ONLY transaction.", "25006", 1792, null)
                : new ClusterSqlException(ClusterSqlException.Kind.READ_ONLY,
                        "cannot execute this statement in a read-only transaction", "25006", 0, null);
    }

    /** The instance went away under the session (crash, failover, removal). */
    public static ClusterSqlException connectionLost(Engine engine, String instanceId, String why) {
        return engine == Engine.MYSQL
                ? new ClusterSqlException(ClusterSqlException.Kind.CONNECTION_LOST,
                        "Lost connection to instance " + instanceId + ": " + why, "08S01", 2013, null)
                : new ClusterSqlException(ClusterSqlException.Kind.CONNECTION_LOST,
                        "terminating connection due to administrator command (instance " + instanceId + ": " + why + ")",
                        "57P01", 0, null);
    }

    /** The instance refuses new sessions (not available). */
    public static ClusterSqlException instanceUnavailable(Engine engine, String instanceId, InstanceState state) {
        return engine == Engine.MYSQL
                ? new ClusterSqlException(ClusterSqlException.Kind.CONNECTION_LOST,
                        "instance " + instanceId + " is not available (" + state + ")", "08S01", 1053, null)
                : new ClusterSqlException(ClusterSqlException.Kind.CONNECTION_LOST,
                        "the database system is starting up (instance " + instanceId + " is " + state + ")",
                        "57P03", 0, null);
    }

    /** A commit that storage could not make durable; its outcome is rolled back. */
    public static ClusterSqlException commitFailed(Engine engine, String detail, Throwable cause) {
        return engine == Engine.MYSQL
                ? new ClusterSqlException(ClusterSqlException.Kind.COMMIT_FAILED,
                        "Got error during COMMIT: " + detail, "HY000", 1180, cause)
                : new ClusterSqlException(ClusterSqlException.Kind.COMMIT_FAILED,
                        "could not commit: " + detail, "58030", 0, cause);
    }

    public static ClusterSqlException lockTimeout(Engine engine, String detail, Throwable cause) {
        return engine == Engine.MYSQL
                ? new ClusterSqlException(ClusterSqlException.Kind.LOCK_TIMEOUT,
                        "Lock wait timeout exceeded; try restarting transaction (" + detail + ")", "HY000", 1205, cause)
                : new ClusterSqlException(ClusterSqlException.Kind.LOCK_TIMEOUT,
                        "could not obtain lock: " + detail, "55P03", 0, cause);
    }

    public static ClusterSqlException cancelled(Engine engine, Throwable cause) {
        return engine == Engine.MYSQL
                ? new ClusterSqlException(ClusterSqlException.Kind.CANCELLED,
                        "Query execution was interrupted", "70100", 1317, cause)
                : new ClusterSqlException(ClusterSqlException.Kind.CANCELLED,
                        "canceling statement due to user request", "57014", 0, cause);
    }

    /**
     * A statement stopped because memory ran short (MySQL 1041 ER_OUT_OF_RESOURCES / HY000; PostgreSQL
     * 53200 out_of_memory). The detail names the instance and the numbers; the session stays usable.
     */
    public static ClusterSqlException outOfMemory(Engine engine, String instanceId, String detail, Throwable cause) {
        return engine == Engine.MYSQL
                ? new ClusterSqlException(ClusterSqlException.Kind.OUT_OF_MEMORY,
                        "Out of memory; the statement was stopped on instance " + instanceId + " (" + detail + ")",
                        "HY000", 1041, cause)
                : new ClusterSqlException(ClusterSqlException.Kind.OUT_OF_MEMORY,
                        "out of memory (instance " + instanceId + ": " + detail + ")", "53200", 0, cause);
    }

    public static ClusterSqlException sessionClosed(Engine engine, long sessionId) {
        return new ClusterSqlException(ClusterSqlException.Kind.SESSION_CLOSED,
                "session " + sessionId + " is closed", "08003", engine == Engine.MYSQL ? 2006 : 0, null);
    }
}

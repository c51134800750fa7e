package dev.borealis.samples.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The plain-JDBC samples' app, the same for both engines (through Borealis they behave alike): money moves between
 * accounts in transactions on one connection; when the writer fails, the driver reconnects the same
 * {@code Connection} and says what happened with the SQLSTATE, and {@link FailoverRetry} acts on it:
 * <ul>
 *   <li>08S02 → re-run the statement (the balance read after each transfer);</li>
 *   <li>08007 → replay the transaction (a transfer checks its own id first, so a replay never moves money twice);</li>
 *   <li>08001 → give up ({@link TransferOutcome#gaveUpOn()}).</li>
 * </ul>
 * Engine specifics come from {@link MySqlFailoverSample} and {@link PostgresFailoverSample}.
 */
public final class BankTransfers {

    public static final int ACCOUNTS = 10;
    public static final long OPENING_BALANCE = 1_000;

    private final String url;
    private final Properties properties;
    private final String instanceQuery;
    private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger reruns = new AtomicInteger();
    private final AtomicInteger replays = new AtomicInteger();
    private volatile String lastInstance = "";

    /** {@code instanceQuery}: the engine's SQL naming the instance a session is on. */
    BankTransfers(String url, Properties properties, String instanceQuery) {
        this.url = url;
        this.properties = properties;
        this.instanceQuery = instanceQuery;
    }

    public void createSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, properties); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS transfer");
            s.execute("DROP TABLE IF EXISTS account");
            s.execute("CREATE TABLE account (id INT PRIMARY KEY, balance BIGINT NOT NULL)");
            s.execute("CREATE TABLE transfer (id BIGINT PRIMARY KEY, from_id INT NOT NULL, to_id INT NOT NULL,"
                    + " amount BIGINT NOT NULL)");
            for (int id = 1; id <= ACCOUNTS; id++) {
                s.execute("INSERT INTO account VALUES (" + id + ", " + OPENING_BALANCE + ")");
            }
        }
    }

    /**
     * Moves money on one connection while {@code keepGoing} holds. Returns normally after recovering from any
     * number of failovers; stops early only when the driver gives up (08001) or another error occurs.
     */
    public TransferOutcome transferUntil(BooleanSupplier keepGoing) {
        FailoverRetry.Listener count = (action, e) ->
                (action == FailoverRetry.Action.REPLAY_TRANSACTION ? replays : reruns).incrementAndGet();
        try (Connection c = DriverManager.getConnection(url, properties)) {
            for (long id = 1; keepGoing.getAsBoolean(); id++) {
                long transferId = id;
                int from = 1 + (int) (id % ACCOUNTS);
                int to = 1 + (int) ((id * 7 + 3) % ACCOUNTS);
                long amount = 1 + id % 50;
                lastInstance = FailoverRetry.transaction(c, tx -> transfer(tx, transferId, from, to, amount), count);
                acknowledged.add(transferId); // the commit returned: this transfer must survive any failover
                FailoverRetry.statement(c, BankTransfers::sumOfBalances, count); // a read: re-run on 08S02
            }
            return new TransferOutcome(acknowledged.size(), reruns.get(), replays.get(), lastInstance, null);
        } catch (SQLException e) {
            // 08001 (no writer within failoverTimeoutMs) or an error that is not about failover: give up.
            return new TransferOutcome(acknowledged.size(), reruns.get(), replays.get(), lastInstance, e);
        }
    }

    private String transfer(Connection c, long id, int from, int to, long amount) throws SQLException {
        try (PreparedStatement done = c.prepareStatement("SELECT COUNT(*) FROM transfer WHERE id = ?")) {
            done.setLong(1, id);
            try (ResultSet rs = done.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return instance(c); // a replay after 08007 of a transfer that had committed: nothing to do
                }
            }
        }
        try (PreparedStatement move = c.prepareStatement("UPDATE account SET balance = balance + ? WHERE id = ?");
             PreparedStatement record = c.prepareStatement("INSERT INTO transfer VALUES (?, ?, ?, ?)")) {
            move.setLong(1, -amount);
            move.setInt(2, from);
            move.executeUpdate();
            move.setLong(1, amount);
            move.setInt(2, to);
            move.executeUpdate();
            record.setLong(1, id);
            record.setInt(2, from);
            record.setInt(3, to);
            record.setLong(4, amount);
            record.executeUpdate();
        }
        return instance(c);
    }

    private String instance(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(instanceQuery)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long sumOfBalances(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT SUM(balance) FROM account")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The sum of all balances, read on a fresh connection to the writer; money is never created or lost. */
    public long totalBalance() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, properties)) {
            return FailoverRetry.statement(c, BankTransfers::sumOfBalances, FailoverRetry.IGNORE);
        }
    }

    /** The ids of every stored transfer, read on a fresh connection to the writer. */
    public Set<Long> storedTransferIds() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, properties)) {
            return FailoverRetry.statement(c, BankTransfers::transferIds, FailoverRetry.IGNORE);
        }
    }

    private static Set<Long> transferIds(Connection c) throws SQLException {
        Set<Long> ids = new java.util.HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM transfer")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /** The transfers whose commit returned. */
    public Set<Long> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    public int acknowledgedCount() {
        return acknowledged.size();
    }

    /**
     * The samples' command line ({@code JDBC_URL USER PASSWORD}): 1,000 transfers through failovers, then the
     * outcome and the total balance. Returns the exit code: 0 unless the app gave up on a transfer, 2 for bad usage.
     */
    static int runSample(String name, String instanceQuery, String[] args) throws SQLException {
        if (args.length != 3) {
            System.err.println("usage: " + name + " JDBC_URL USER PASSWORD");
            return 2;
        }
        Properties props = new Properties();
        props.setProperty("user", args[1]);
        props.setProperty("password", args[2]);
        BankTransfers app = new BankTransfers(args[0], props, instanceQuery);
        app.createSchema();
        int[] left = {1_000};
        TransferOutcome outcome = app.transferUntil(() -> left[0]-- > 0);
        System.out.println(outcome + "; total balance " + app.totalBalance() + " (opening " + ACCOUNTS * OPENING_BALANCE
                + ")");
        return outcome.gaveUpOn() == null ? 0 : 1;
    }
}

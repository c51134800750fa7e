package dev.borealis.samples.jdbc;

import java.sql.SQLException;
import java.util.Properties;

/**
 * The failover contract in plain JDBC on Aurora PostgreSQL (or the embedded cluster) through Borealis: see
 * {@link BankTransfers} for the app and {@link FailoverRetry} for the three cases (08S02 re-run, 08007 replay,
 * 08001 give up). PostgreSQL marks a transaction failed after any error until it is rolled back; the helper rolls back before every replay, so the replay starts clean.
 *
 * <p>Run: {@code java -cp samples/target/borealis-demo.jar dev.borealis.samples.jdbc.PostgresFailoverSample
 * 'jdbc:borealis:postgresql://NAME.cluster-ID.REGION.rds.amazonaws.com:5432/bank' USER PASSWORD}
 */
public final class PostgresFailoverSample {

    /** Aurora PostgreSQL's way to ask which instance a session is on. */
    static final String INSTANCE_QUERY = "SELECT aurora_db_instance_identifier()";

    private PostgresFailoverSample() {
    }

    /** The sample app over {@code url} (a {@code jdbc:borealis:postgresql://} URL naming an existing database). */
    public static BankTransfers app(String url, Properties properties) {
        return new BankTransfers(url, properties, INSTANCE_QUERY);
    }

    public static void main(String[] args) throws SQLException {
        System.exit(BankTransfers.runSample("PostgresFailoverSample", INSTANCE_QUERY, args));
    }
}

package dev.borealis.samples.jdbc;

import java.sql.SQLException;
import java.util.Properties;

/**
 * The failover contract in plain JDBC on Aurora MySQL (or the embedded cluster) through Borealis: see
 * {@link BankTransfers} for the app and {@link FailoverRetry} for the three cases (08S02 re-run, 08007 replay,
 * 08001 give up). Connector/J reports a dropped connection as 08S01, which the driver turns into the failover outcome; the URL must name a database (MySQL has no default one).
 *
 * <p>Run: {@code java -cp samples/target/borealis-demo.jar dev.borealis.samples.jdbc.MySqlFailoverSample
 * 'jdbc:borealis:mysql://NAME.cluster-ID.REGION.rds.amazonaws.com:3306/bank' USER PASSWORD}
 */
public final class MySqlFailoverSample {

    /** Aurora MySQL's way to ask which instance a session is on. */
    static final String INSTANCE_QUERY = "SELECT @@aurora_server_id";

    private MySqlFailoverSample() {
    }

    /** The sample app over {@code url} (a {@code jdbc:borealis:mysql://} URL naming an existing database). */
    public static BankTransfers app(String url, Properties properties) {
        return new BankTransfers(url, properties, INSTANCE_QUERY);
    }

    public static void main(String[] args) throws SQLException {
        System.exit(BankTransfers.runSample("MySqlFailoverSample", INSTANCE_QUERY, args));
    }
}

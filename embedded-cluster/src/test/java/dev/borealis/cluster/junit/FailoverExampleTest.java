package dev.borealis.cluster.junit;

import dev.borealis.cluster.Engine;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example of docs/junit.md: a small voting app keeps writing through the cluster endpoint while
 * the writer crashes; the test asserts the app recovers on the promoted writer and that no vote it
 * was told was committed is lost.
 */
@EmbeddedCluster(engine = Engine.MYSQL, readers = 1, failoverDelayMs = 300, dnsDelayMs = 1000)
class FailoverExampleTest {

    ServedCluster cluster;

    @Test
    void theAppKeepsVotingThroughAWriterCrashAndLosesNoAcknowledgedVote() throws Exception {
        // Timeouts keep a stalled socket from holding the app for long: part of running on Aurora.
        VoteApp app = new VoteApp(cluster.jdbcUrl() + "?connectTimeout=2000&socketTimeout=3000", cluster.credentials());
        app.createSchema();

        try (VoteApp.Worker worker = app.startVoting()) {
            worker.awaitVotes(20, Duration.ofSeconds(10));
            String crashed = cluster.crashWriter();
            String promoted = cluster.awaitWriter(Duration.ofSeconds(10));
            int beforeRecovery = worker.acknowledged();

            worker.awaitVotes(beforeRecovery + 20, Duration.ofSeconds(30));

            assertThat(promoted).isNotEqualTo(crashed);
            assertThat(worker.lastWriter()).as("recent votes land on the promoted writer").isEqualTo(promoted);
            assertThat(worker.failures()).as("the app felt the failover").isPositive();
        }
        assertThat(app.storedVoteIds()).containsAll(app.acknowledgedVoteIds());
    }

    /**
     * The "application": one connection, autocommit inserts, and what a plain-JDBC app must do on
     * Aurora without a smart driver — on a lost connection (08xxx) or a read-only error (the cluster
     * endpoint still names the old writer, now a reader) drop the connection and try again.
     */
    static final class VoteApp {
        private final String url;
        private final Properties credentials;
        private final Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        private final AtomicInteger nextId = new AtomicInteger();

        VoteApp(String url, Properties credentials) {
            this.url = url;
            this.credentials = credentials;
        }

        void createSchema() throws SQLException {
            try (Connection c = DriverManager.getConnection(url, credentials); Statement s = c.createStatement()) {
                s.executeUpdate("CREATE TABLE votes (id INT PRIMARY KEY, planet VARCHAR(20), writer VARCHAR(100))");
            }
        }

        Worker startVoting() {
            return new Worker();
        }

        Set<Integer> acknowledgedVoteIds() {
            return Set.copyOf(acknowledged);
        }

        Set<Integer> storedVoteIds() throws SQLException {
            Set<Integer> ids = new HashSet<>();
            try (Connection c = DriverManager.getConnection(url, credentials); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id FROM votes")) {
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
            }
            return ids;
        }

        static boolean retryable(SQLException e) {
            String state = e.getSQLState();
            return state == null || state.startsWith("08") || e.getErrorCode() == 1290 || "25006".equals(state);
        }

        /** Votes on its own named thread until closed. */
        final class Worker implements AutoCloseable {
            private final AtomicInteger failures = new AtomicInteger();
            private final AtomicReference<String> lastWriter = new AtomicReference<>();
            private final AtomicReference<Throwable> fatal = new AtomicReference<>();
            private final Thread thread = new Thread(this::run, "vote-app");
            private volatile boolean stop;

            Worker() {
                thread.start();
            }

            private void run() {
                Connection connection = null;
                while (!stop) {
                    try {
                        if (connection == null) {
                            connection = DriverManager.getConnection(url, credentials);
                        }
                        vote(connection, nextId.incrementAndGet());
                    } catch (SQLException e) {
                        if (!retryable(e)) {
                            fatal.set(e);
                            return;
                        }
                        failures.incrementAndGet();
                        closeQuietly(connection);
                        connection = null;
                        pause();
                    }
                }
                closeQuietly(connection);
            }

            private void vote(Connection connection, int id) throws SQLException {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO votes VALUES (?, 'earth', @@aurora_server_id)")) {
                    insert.setInt(1, id);
                    insert.executeUpdate();
                }
                acknowledged.add(id);
                try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT @@aurora_server_id")) {
                    rs.next();
                    lastWriter.set(rs.getString(1));
                }
            }

            private void pause() {
                try {
                    Thread.sleep(20);  // back-off between reconnect attempts, not a wait for a condition
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop = true;
                }
            }

            int acknowledged() {
                return acknowledged.size();
            }

            int failures() {
                return failures.get();
            }

            String lastWriter() {
                return lastWriter.get();
            }

            void awaitVotes(int count, Duration timeout) throws InterruptedException {
                long deadline = System.nanoTime() + timeout.toNanos();
                while (acknowledged() < count) {
                    assertThat(fatal.get()).as("the app failed").isNull();
                    assertThat(System.nanoTime() - deadline).as("%d votes within %s (have %d, %d failures)",
                            count, timeout, acknowledged(), failures()).isNegative();
                    Thread.sleep(10);
                }
            }

            @Override
            public void close() {
                stop = true;
                try {
                    thread.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                assertThat(thread.isAlive()).as("vote-app thread stopped").isFalse();
            }

            private void closeQuietly(Connection connection) {
                if (connection != null) {
                    try {
                        connection.close();
                    } catch (SQLException ignored) {
                        // the connection is already broken; nothing to release
                    }
                }
            }
        }
    }
}

package dev.borealis.samples.spring;

import dev.borealis.cluster.Engine;
import dev.borealis.cluster.junit.EmbeddedCluster;
import dev.borealis.cluster.junit.ServedCluster;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spring Boot sample against a served embedded cluster: the datasource URL from application.properties is
 * replaced by the cluster's Borealis URL (a command-line property, which outranks application.properties), the app
 * runs votes and tallies under load, the writer crashes, and the app keeps serving without losing a vote.
 */
class SpringVotingTest {

    @Test
    @EmbeddedCluster(engine = Engine.MYSQL, readers = 2, failoverDelayMs = 300)
    void theMySqlAppKeepsServingThroughAWriterCrash(ServedCluster cluster) throws Exception {
        keepsServingThroughAWriterCrash(cluster);
    }

    @Test
    @EmbeddedCluster(engine = Engine.POSTGRESQL, readers = 2, failoverDelayMs = 300)
    void thePostgresAppKeepsServingThroughAWriterCrash(ServedCluster cluster) throws Exception {
        keepsServingThroughAWriterCrash(cluster);
    }

    private static void keepsServingThroughAWriterCrash(ServedCluster cluster) throws Exception {
        List<String> readers = cluster.readerIds();
        try (ConfigurableApplicationContext app = start(cluster)) {
            Voting voting = app.getBean(Voting.class);
            voting.createSchema();
            Load load = new Load(voting);
            Set<String> readInstancesBefore;
            String crashed;
            String promoted;
            load.start();
            try {
                await(() -> load.votesOn(cluster.writerId()) >= 30 && load.reads() >= 30, "load before the crash");
                readInstancesBefore = Set.copyOf(load.readInstances());

                crashed = cluster.crashWriter();
                promoted = cluster.awaitWriter(Duration.ofSeconds(15));
                long readsAtCrash = load.reads();
                await(() -> load.votesOn(promoted) >= 30 && load.reads() >= readsAtCrash + 30, "load after the crash");
            } finally {
                load.stop();
            }

            assertThat(readInstancesBefore).as("read-only transactions ran on readers").isNotEmpty()
                    .allMatch(readers::contains).doesNotContain(crashed);
            assertThat(promoted).isNotEqualTo(crashed);
            assertThat(load.failures()).as("errors that escaped the retry").isEmpty();
            assertThat(voting.storedVoteIds()).as("no acknowledged vote lost").containsAll(load.acknowledged());
        }
    }

    private static ConfigurableApplicationContext start(ServedCluster cluster) throws Exception {
        String url = cluster.borealisUrl();
        if (cluster.engine() == Engine.MYSQL) {
            try (Connection c = DriverManager.getConnection(url + "?allowPublicKeyRetrieval=true", cluster.credentials());
                 Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE voting");
            }
            url = url + "voting?allowPublicKeyRetrieval=true";
        }
        return new SpringApplicationBuilder(VotingApplication.class).web(WebApplicationType.NONE)
                .run("--spring.datasource.url=" + url, "--spring.datasource.username=" + cluster.user(),
                        "--spring.datasource.password=" + cluster.password());
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("timed out waiting for " + what).isNegative();
            Thread.sleep(10);
        }
    }

    /** Two voter and two tally threads calling the app's business methods until closed. */
    private static final class Load {
        private final Voting voting;
        private final AtomicLong ids = new AtomicLong();
        private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        private final ConcurrentHashMap<String, AtomicLong> votesByInstance = new ConcurrentHashMap<>();
        private final Set<String> readInstances = ConcurrentHashMap.newKeySet();
        private final AtomicLong reads = new AtomicLong();
        private final Queue<RuntimeException> failures = new ConcurrentLinkedQueue<>();
        private final List<Thread> threads;
        private volatile boolean stop;

        Load(Voting voting) {
            this.voting = voting;
            this.threads = List.of(new Thread(this::vote, "spring-voter-1"), new Thread(this::vote, "spring-voter-2"),
                    new Thread(this::read, "spring-reader-1"), new Thread(this::read, "spring-reader-2"));
        }

        void start() {
            threads.forEach(Thread::start);
        }

        private void vote() {
            while (!stop) {
                long id = ids.incrementAndGet();
                try {
                    String instance = voting.castVote(id, 1 + (int) (id % 8));
                    acknowledged.add(id);
                    votesByInstance.computeIfAbsent(instance, k -> new AtomicLong()).incrementAndGet();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        }

        private void read() {
            while (!stop) {
                try {
                    readInstances.add(voting.tally().instance());
                    reads.incrementAndGet();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        }

        long votesOn(String instance) {
            AtomicLong n = votesByInstance.get(instance);
            return n == null ? 0 : n.get();
        }

        long reads() {
            return reads.get();
        }

        Set<String> readInstances() {
            return readInstances;
        }

        Set<Long> acknowledged() {
            return acknowledged;
        }

        Queue<RuntimeException> failures() {
            return failures;
        }

        void stop() throws InterruptedException {
            stop = true;
            for (Thread t : threads) {
                t.join(Duration.ofSeconds(30).toMillis());
                assertThat(t.isAlive()).as(t.getName() + " stopped").isFalse();
            }
        }
    }
}

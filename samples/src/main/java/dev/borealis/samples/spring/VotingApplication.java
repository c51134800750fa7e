package dev.borealis.samples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Spring Boot sample: a voting service on Borealis, configured only by {@code application.properties}
 * (datasource URL, HikariCP settings, the exception override, the driver's plugins). Read-only transactions run on
 * readers and the others on the writer, because Spring's {@code DataSourceTransactionManager} calls
 * {@code Connection.setReadOnly(true)} for {@code @Transactional(readOnly = true)} and Borealis's read/write
 * splitting follows it. Business calls go through a Resilience4j {@code Retry} for 08S02 / 08007 ({@link Voting}).
 */
@SpringBootApplication
public class VotingApplication {

    public static void main(String[] args) {
        SpringApplication.run(VotingApplication.class, args);
    }
}

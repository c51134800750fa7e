package dev.borealis.samples.spring;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.sql.SQLException;
import java.time.Duration;

/**
 * The Resilience4j {@link Retry} around business calls: it retries when the driver reports a failover the app can
 * recover from — 08S02 (reconnected, the statement did not run) and 08007 (reconnected inside a transaction whose
 * outcome is unknown: the whole {@code @Transactional} call is replayed) — found anywhere in the cause chain, since
 * Spring wraps the {@link SQLException} in its own exceptions. 08001 (no instance reachable) is not retried.
 */
@Configuration
public class FailoverRetryConfiguration {

    @Bean
    public Retry failoverRetry(@Value("${voting.retry.max-attempts:5}") int maxAttempts,
                               @Value("${voting.retry.wait-ms:50}") long waitMs) {
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .waitDuration(Duration.ofMillis(waitMs))
                .retryOnException(FailoverRetryConfiguration::isRecoverableFailover)
                .build();
        return Retry.of("borealis-failover", config);
    }

    /** Whether {@code error} (or a cause of it) carries SQLSTATE 08S02 or 08007. */
    public static boolean isRecoverableFailover(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && ("08S02".equals(sql.getSQLState()) || "08007".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}

package dev.borealis.jdbc.failover;

import dev.borealis.jdbc.spi.HostSpec;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;

/**
 * One circuit breaker per instance of a cluster, so a dead instance is not probed by every search round of every
 * connection: two failures in a row open it for the configured time, then one trial probe decides. No automatic
 * transition (that would start a scheduler thread); the state is checked when a probe asks for permission.
 */
final class HostBreakers {

  private final CircuitBreakerRegistry registry;

  HostBreakers(long openMs) {
    CircuitBreakerConfig config = CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(2)
        .minimumNumberOfCalls(2)
        .failureRateThreshold(100)
        .waitDurationInOpenState(Duration.ofMillis(Math.max(1, openMs)))
        .permittedNumberOfCallsInHalfOpenState(1)
        .automaticTransitionFromOpenToHalfOpenEnabled(false)
        .recordExceptions(Exception.class)
        .build();
    this.registry = CircuitBreakerRegistry.of(config);
  }

  CircuitBreaker of(HostSpec host) {
    return registry.circuitBreaker(host.hostAndPort());
  }
}

package dev.borealis.jdbc.spring;

import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** The same as {@link BorealisHealthIndicator}, for Spring Boot 3's health API. */
public class BorealisBoot3HealthIndicator implements HealthIndicator {

  private final BorealisTopologies topologies;

  public BorealisBoot3HealthIndicator(BorealisTopologies topologies) {
    this.topologies = topologies;
  }

  @Override
  public Health health() {
    Map<String, TopologyReport> reports = topologies.reportsConnecting();
    Health.Builder b = switch (HealthVerdict.of(reports)) {
      case UP -> Health.up();
      case DOWN -> Health.down();
      case UNKNOWN -> Health.unknown();
    };
    reports.forEach((name, r) -> b.withDetail(name, r.details()));
    return b.build();
  }
}

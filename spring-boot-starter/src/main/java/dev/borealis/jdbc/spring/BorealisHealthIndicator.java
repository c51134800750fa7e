package dev.borealis.jdbc.spring;

import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Spring Boot 4's health indicator ({@code /actuator/health/borealis}): one entry per Borealis data source with its
 * writer and readers. UP when every such data source's cluster has a writer, DOWN when one has none, UNKNOWN when
 * there is no Borealis data source or none could connect yet.
 */
public class BorealisHealthIndicator implements HealthIndicator {

  private final BorealisTopologies topologies;

  public BorealisHealthIndicator(BorealisTopologies topologies) {
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

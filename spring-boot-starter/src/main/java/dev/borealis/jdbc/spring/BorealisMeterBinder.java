package dev.borealis.jdbc.spring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * Gauges from the driver's shared cluster state, tagged {@code datasource=<bean name>}: {@code borealis.topology.writer}
 * (1 while the last topology read named a writer), {@code borealis.topology.readers}, {@code borealis.connections}
 * (this JVM's Borealis connections on the cluster) and {@code borealis.topology.age} (seconds since the last read).
 * The driver keeps no public failover counters yet, so there are none here (issue 14 part 6 adds telemetry).
 * Data sources are those present at bind time.
 */
public class BorealisMeterBinder implements MeterBinder {

  private final BorealisTopologies topologies;

  public BorealisMeterBinder(BorealisTopologies topologies) {
    this.topologies = topologies;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String name : topologies.reports().keySet()) {
      gauge(registry, name, "borealis.topology.writer", "1 while the cluster's last topology read named a writer",
          null, r -> r.writer().isPresent() ? 1 : 0);
      gauge(registry, name, "borealis.topology.readers", "readers in the cluster's last topology read", null,
          r -> r.readers().size());
      gauge(registry, name, "borealis.connections", "this JVM's Borealis connections on the cluster", null,
          r -> r.writer().map(TopologyReport.Instance::connections).orElse(0)
              + r.readers().stream().mapToInt(TopologyReport.Instance::connections).sum());
      gauge(registry, name, "borealis.topology.age", "time since the cluster's last topology read", "seconds",
          r -> r.clusterId() == null ? Double.NaN : r.age().toMillis() / 1000.0);
    }
  }

  private void gauge(MeterRegistry registry, String dataSource, String meter, String description, String unit,
      ToDoubleFunction<TopologyReport> value) {
    Gauge.builder(meter, topologies, t -> {
      TopologyReport r = t.reports().get(dataSource);
      return r == null ? Double.NaN : value.applyAsDouble(r);
    }).description(description).baseUnit(unit).tag("datasource", dataSource).strongReference(true).register(registry);
  }
}

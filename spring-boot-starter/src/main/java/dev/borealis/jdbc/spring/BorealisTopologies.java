package dev.borealis.jdbc.spring;

import dev.borealis.jdbc.topology.ClusterRegistry;
import dev.borealis.jdbc.topology.ClusterTopology;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * The topology of every Borealis data source, read from the driver's shared cluster state (no query is sent while a
 * connection has used the cluster recently). The health indicator and the meter binder both read through this.
 */
public class BorealisTopologies {

  private static final Logger LOG = Logger.getLogger(BorealisTopologies.class.getName());

  private final BorealisDataSources dataSources;
  private final LongSupplier nanoClock;

  public BorealisTopologies(ListableBeanFactory beans) {
    this(new BorealisDataSources(beans), System::nanoTime);
  }

  BorealisTopologies(BorealisDataSources dataSources, LongSupplier nanoClock) {
    this.dataSources = dataSources;
    this.nanoClock = nanoClock;
  }

  /** By data source bean name; a data source no connection has used yet reports as unknown. */
  public Map<String, TopologyReport> reports() {
    Map<String, TopologyReport> reports = new LinkedHashMap<>();
    dataSources.all().forEach((name, target) -> reports.put(name, report(target)));
    return reports;
  }

  /**
   * Like {@link #reports()}, but first borrows one connection from a data source whose cluster the driver has not
   * seen yet, so that a health check right after start-up shows the topology (as Boot's own data source check
   * borrows one too).
   */
  public Map<String, TopologyReport> reportsConnecting() {
    Map<String, TopologyReport> reports = new LinkedHashMap<>();
    dataSources.all().forEach((name, target) -> {
      if (cluster(target).isEmpty()) {
        touch(name, target);
      }
      reports.put(name, report(target));
    });
    return reports;
  }

  private TopologyReport report(BorealisDataSources.Target target) {
    return cluster(target).map(c -> TopologyReport.of(c, nanoClock.getAsLong())).orElseGet(TopologyReport::unknown);
  }

  private static Optional<ClusterTopology> cluster(BorealisDataSources.Target target) {
    return ClusterIds.of(target.url(), target.properties()).flatMap(ClusterRegistry::find);
  }

  private static void touch(String name, BorealisDataSources.Target target) {
    try (Connection c = target.dataSource().getConnection()) {
      c.isValid(1);
    } catch (SQLException e) {
      // The health shows the data source as unknown; the reason belongs in the log, not in the health details.
      LOG.log(Level.FINE, e, () -> "data source " + name + ": no connection for the topology check ("
          + e.getSQLState() + ")");
    }
  }
}

package dev.borealis.benchmarks.stub;

import dev.borealis.jdbc.spi.Dialect;
import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.spi.TargetEngine;
import java.sql.Driver;
import java.util.List;

/**
 * {@code jdbc:borealis:stub://…}: Borealis over {@link StubDriver}, found by the driver's {@code ServiceLoader}
 * through {@code META-INF/services/dev.borealis.jdbc.spi.TargetEngine} in this module.
 */
public final class StubEngine implements TargetEngine {

  private static final Driver DRIVER = new StubDriver();

  @Override
  public String scheme() {
    return "stub";
  }

  @Override
  public int defaultPort() {
    return StubDialect.PORT;
  }

  @Override
  public Driver targetDriver() {
    return DRIVER;
  }

  @Override
  public String physicalUrl(HostSpec host, String database) {
    return StubDriver.PREFIX + host.hostAndPort() + "/" + database;
  }

  @Override
  public List<Dialect> dialects() {
    return List.of(new StubDialect());
  }
}

package dev.borealis.jdbc.spring;

import com.zaxxer.hikari.HikariDataSource;
import dev.borealis.jdbc.config.ConnectionUrl;
import dev.borealis.jdbc.hikari.BorealisExceptionOverride;
import java.util.logging.Logger;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * For every HikariCP pool with a {@code jdbc:borealis:} URL: names the Borealis driver (Boot cannot tell it from the
 * URL and falls back to an embedded database's driver, H2's where H2 is on the class path, which refuses the URL),
 * and gives it the driver's {@link BorealisExceptionOverride}, so a
 * connection that failed over (08S02) or lost a transaction's outcome (08007) stays in the pool instead of being
 * evicted and reopened against possibly stale DNS. A class name the user configured is left alone. Runs after
 * initialisation, i.e. after Boot bound {@code spring.datasource.hikari.*} and before the pool's first connection
 * (HikariCP seals its configuration then).
 */
public class BorealisHikariPostProcessor implements BeanPostProcessor {

  static final String OVERRIDE = BorealisExceptionOverride.class.getName();
  private static final Logger LOG = Logger.getLogger(BorealisHikariPostProcessor.class.getName());

  static final String DRIVER = "dev.borealis.jdbc.Driver";

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource hikari && ConnectionUrl.accepts(hikari.getJdbcUrl())) {
      useBorealisDriver(hikari, beanName);
      useBorealisOverride(hikari, beanName);
    }
    return bean;
  }

  /** Only the Borealis driver accepts a jdbc:borealis: URL, so whatever else is named cannot be what was meant. */
  private static void useBorealisDriver(HikariDataSource hikari, String beanName) {
    String named = hikari.getDriverClassName();
    if (named != null && !named.equals(DRIVER)) {
      hikari.setDriverClassName(DRIVER);
      LOG.fine(() -> "data source " + beanName + ": driver " + named + " cannot open a jdbc:borealis: URL; using "
          + DRIVER);
    }
  }

  private static void useBorealisOverride(HikariDataSource hikari, String beanName) {
    if (hikari.getExceptionOverrideClassName() == null && !hasOverrideInstance(hikari)) {
      hikari.setExceptionOverrideClassName(OVERRIDE);
      LOG.fine(() -> "data source " + beanName + ": HikariCP exceptionOverrideClassName set to " + OVERRIDE);
    }
  }

  /** {@code setExceptionOverride(instance)} is newer than some HikariCP versions Boot 3.5 users run. */
  private static boolean hasOverrideInstance(HikariDataSource hikari) {
    try {
      return hikari.getExceptionOverride() != null;
    } catch (NoSuchMethodError e) {
      return false;
    }
  }
}

package dev.borealis.jdbc.spring;

import com.zaxxer.hikari.HikariConfig;
import dev.borealis.jdbc.BorealisDataSource;
import dev.borealis.jdbc.config.ConnectionUrl;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.beans.factory.ListableBeanFactory;

/** The application's data sources that connect through Borealis, by bean name, with their URL and properties. */
final class BorealisDataSources {

  /** What identifies a Borealis data source's cluster: its URL and the properties it hands the driver. */
  record Target(DataSource dataSource, String url, Properties properties) {
  }

  private final ListableBeanFactory beans;

  BorealisDataSources(ListableBeanFactory beans) {
    this.beans = beans;
  }

  /** Looked up on each call (not at start-up), so data sources defined after this bean are found too. */
  Map<String, Target> all() {
    Map<String, Target> found = new LinkedHashMap<>();
    beans.getBeansOfType(DataSource.class, false, false)
        .forEach((name, ds) -> target(ds).ifPresent(t -> found.put(name, t)));
    return found;
  }

  static Optional<Target> target(DataSource ds) {
    if (HikariSupport.PRESENT && ds instanceof HikariConfig hikari && ConnectionUrl.accepts(hikari.getJdbcUrl())) {
      return Optional.of(new Target(ds, hikari.getJdbcUrl(), hikari.getDataSourceProperties()));
    }
    if (ds instanceof BorealisDataSource b && ConnectionUrl.accepts(b.getUrl())) {
      return Optional.of(new Target(ds, b.getUrl(), b.getProperties()));
    }
    return Optional.empty();
  }

  /** HikariCP is optional: only touch its types where it is on the class path. */
  static final class HikariSupport {
    static final boolean PRESENT = present("com.zaxxer.hikari.HikariConfig");

    private HikariSupport() {
    }

    private static boolean present(String name) {
      try {
        Class.forName(name, false, BorealisDataSources.class.getClassLoader());
        return true;
      } catch (ClassNotFoundException | LinkageError e) {
        return false;
      }
    }
  }
}

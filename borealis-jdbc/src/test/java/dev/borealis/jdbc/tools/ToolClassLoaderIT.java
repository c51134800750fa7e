package dev.borealis.jdbc.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.borealis.cluster.Engine;
import dev.borealis.cluster.junit.EmbeddedCluster;
import dev.borealis.cluster.junit.ServedCluster;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * The borealis-jdbc jar loaded by hand beside Connector/J and pgJDBC, as a database tool does: the driver class
 * loads by name, its dialects and plugins are found through the merged ServiceLoader files, and it discovers the
 * topology of an embedded cluster (running in this test's own class loader) well enough to send read-only work to a
 * reader.
 */
class ToolClassLoaderIT {

  @Test
  void theJarRegistersItsDriverThroughServiceLoader() throws Exception {
    try (URLClassLoader loader = ToolJar.toolLoader()) {
      List<String> drivers = new ArrayList<>();
      ServiceLoader.load(Driver.class, loader).stream()
          .filter(p -> p.type().getClassLoader() == loader)
          .forEach(p -> drivers.add(p.type().getName()));
      assertThat(drivers).contains("dev.borealis.jdbc.Driver");
    }
  }

  @Test
  @EmbeddedCluster(engine = Engine.MYSQL, readers = 2)
  void aToolLoadedDriverSplitsReadsOnMySql(ServedCluster cluster) throws Exception {
    readsLandOnAReader(cluster, cluster.borealisUrl() + "?allowPublicKeyRetrieval=true", "SELECT @@aurora_server_id");
  }

  @Test
  @EmbeddedCluster(engine = Engine.POSTGRESQL, readers = 2)
  void aToolLoadedDriverSplitsReadsOnPostgres(ServedCluster cluster) throws Exception {
    readsLandOnAReader(cluster, cluster.borealisUrl(), "SELECT aurora_db_instance_identifier()");
  }

  private static void readsLandOnAReader(ServedCluster cluster, String url, String instanceQuery) throws Exception {
    try (URLClassLoader loader = ToolJar.toolLoader()) {
      Class<?> type = Class.forName("dev.borealis.jdbc.Driver", true, loader);
      assertThat(type.getClassLoader()).as("the driver comes from the tool's loader").isSameAs(loader);
      Driver driver = (Driver) type.getDeclaredConstructor().newInstance();
      assertThat(driver.acceptsURL(url)).isTrue();
      try (Connection c = driver.connect(url, cluster.credentials())) {
        assertThat(c).as("connect(%s)", url).isNotNull();
        assertThat(instance(c, instanceQuery)).as("writer").isEqualTo(cluster.writerId());
        c.setReadOnly(true);
        assertThat(instance(c, instanceQuery)).as("read-only work lands on a reader")
            .isIn(cluster.readerIds());
        c.setReadOnly(false);
        assertThat(instance(c, instanceQuery)).as("back on the writer").isEqualTo(cluster.writerId());
      }
    }
  }

  private static String instance(Connection c, String query) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }
}

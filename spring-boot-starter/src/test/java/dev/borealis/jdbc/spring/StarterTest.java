package dev.borealis.jdbc.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.borealis.cluster.Engine;
import dev.borealis.cluster.junit.EmbeddedCluster;
import dev.borealis.cluster.junit.ServedCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The starter in a Boot application against the embedded cluster. The same source runs on Spring Boot 4 (this
 * module) and 3.5 (spring-boot-starter-boot3-test), so the health indicator, whose type differs between the two, is
 * read through its common shape: {@code health()}, {@code getStatus()}, {@code getDetails()}.
 */
class StarterTest {

  @Test
  void runsOnTheBootVersionThisModuleIsFor() {
    assertThat(SpringBootVersion.getVersion()).startsWith(System.getProperty("expected.boot.major") + ".");
  }

  @Test
  @EmbeddedCluster(engine = Engine.MYSQL, readers = 2)
  void onMySqlTheStarterConfiguresHikariHealthAndReadOnlyRouting(ServedCluster cluster) throws Exception {
    configuresEverything(cluster, cluster.borealisUrl() + "?allowPublicKeyRetrieval=true", "SELECT @@aurora_server_id");
  }

  @Test
  @EmbeddedCluster(engine = Engine.POSTGRESQL, readers = 2)
  void onPostgresTheStarterConfiguresHikariHealthAndReadOnlyRouting(ServedCluster cluster) throws Exception {
    configuresEverything(cluster, cluster.borealisUrl(), "SELECT aurora_db_instance_identifier()");
  }

  @Test
  void aUsersOwnExceptionOverrideIsKept() {
    try (ConfigurableApplicationContext app = start("jdbc:borealis:postgresql://127.0.0.1:1/none", "x", "x", "SELECT 1",
        "--spring.datasource.hikari.exception-override-class-name=" + StarterTestApp.UsersOwnOverride.class.getName())) {
      assertThat(app.getBean(HikariDataSource.class).getExceptionOverrideClassName())
          .isEqualTo(StarterTestApp.UsersOwnOverride.class.getName());
    }
  }

  @Test
  void aNonBorealisDataSourceIsLeftAlone() throws Exception {
    try (ConfigurableApplicationContext app = start("jdbc:h2:mem:plain", "sa", "", "SELECT 1")) {
      assertThat(app.getBean(HikariDataSource.class).getExceptionOverrideClassName()).isNull();
      Health health = Health.of(app);
      assertThat(health.status()).isEqualTo("UNKNOWN");
      assertThat(health.details()).isEmpty();
    }
  }

  @Test
  void theOverrideCanBeSwitchedOff() {
    try (ConfigurableApplicationContext app = start("jdbc:borealis:postgresql://127.0.0.1:1/none", "x", "x", "SELECT 1",
        "--borealis.spring.hikari-exception-override=false")) {
      assertThat(app.getBean(HikariDataSource.class).getExceptionOverrideClassName()).isNull();
    }
  }

  private static void configuresEverything(ServedCluster cluster, String url, String instanceQuery) throws Exception {
    try (ConfigurableApplicationContext app = start(url, cluster.user(), cluster.password(), instanceQuery)) {
      HikariDataSource hikari = app.getBean(HikariDataSource.class);
      assertThat(hikari.getExceptionOverrideClassName())
          .isEqualTo("dev.borealis.jdbc.hikari.BorealisExceptionOverride");
      assertThat(hikari.getDriverClassName()).as("not H2's, which Boot guesses with H2 on the class path")
          .isEqualTo("dev.borealis.jdbc.Driver");

      StarterTestApp.InstanceReads reads = app.getBean(StarterTestApp.InstanceReads.class);
      assertThat(reads.readWriteInstance()).as("read-write transaction").isEqualTo(cluster.writerId());
      assertThat(reads.readOnlyInstance()).as("@Transactional(readOnly = true)").isIn(cluster.readerIds());

      Health health = Health.of(app);
      assertThat(health.status()).isEqualTo("UP");
      @SuppressWarnings("unchecked")
      Map<String, Object> ds = (Map<String, Object>) health.details().get("dataSource");
      assertThat(ds).as("details of bean 'dataSource'").isNotNull();
      assertThat(ds.get("fromTopologyQuery")).isEqualTo(true);
      assertThat(instanceId(ds.get("writer"))).isEqualTo(cluster.writerId());
      List<String> readers = new ArrayList<>();
      for (Object r : (List<?>) ds.get("readers")) {
        readers.add(instanceId(r));
        assertThat(((Map<?, ?>) r).get("available")).isEqualTo(true);
      }
      assertThat(readers).containsExactlyInAnyOrderElementsOf(cluster.readerIds());

      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      app.getBean(BorealisMeterBinder.class).bindTo(registry);
      assertThat(registry.get("borealis.topology.readers").tag("datasource", "dataSource").gauge().value())
          .isEqualTo(2.0);
      assertThat(registry.get("borealis.topology.writer").tag("datasource", "dataSource").gauge().value())
          .isEqualTo(1.0);
      assertThat(registry.get("borealis.connections").tag("datasource", "dataSource").gauge().value())
          .as("the pool's connections").isPositive();
    }
  }

  private static String instanceId(Object instanceDetails) {
    return (String) ((Map<?, ?>) instanceDetails).get("instanceId");
  }

  private static ConfigurableApplicationContext start(String url, String user, String password, String instanceQuery,
      String... more) {
    List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + url,
        "--spring.datasource.username=" + user, "--spring.datasource.password=" + password,
        "--test.instance-query=" + instanceQuery, "--spring.main.banner-mode=off"));
    args.addAll(List.of(more));
    return new SpringApplicationBuilder(StarterTestApp.class).web(WebApplicationType.NONE)
        .run(args.toArray(String[]::new));
  }

  /** The borealis health indicator's result, read the same way on Boot 3 and 4. */
  private record Health(String status, Map<String, Object> details) {
    @SuppressWarnings("unchecked")
    static Health of(ConfigurableApplicationContext app) throws Exception {
      Object indicator = app.getBean("borealisHealthIndicator");
      Object health = call(indicator, "health");
      return new Health(call(health, "getStatus").toString(), (Map<String, Object>) call(health, "getDetails"));
    }

    private static Object call(Object target, String method) throws Exception {
      Method m = target.getClass().getMethod(method);
      return m.invoke(target);
    }
  }
}

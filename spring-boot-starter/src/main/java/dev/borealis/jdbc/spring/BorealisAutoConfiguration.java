package dev.borealis.jdbc.spring;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the starter configures for {@code jdbc:borealis:} data sources, on Spring Boot 3.5 and 4. Everything is
 * keyed on class presence by name, so a missing optional part (HikariCP, Actuator, Micrometer) just switches its
 * feature off. Properties (all default to true): {@code borealis.spring.hikari-exception-override},
 * {@code management.health.borealis.enabled}, {@code borealis.spring.metrics}.
 */
@AutoConfiguration
@ConditionalOnClass(name = "dev.borealis.jdbc.Driver")
public class BorealisAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  public BorealisTopologies borealisTopologies(ListableBeanFactory beans) {
    return new BorealisTopologies(beans);
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "com.zaxxer.hikari.HikariDataSource")
  @ConditionalOnProperty(prefix = "borealis.spring", name = "hikari-exception-override", matchIfMissing = true)
  static class Hikari {
    /** Static: a BeanPostProcessor must exist before the data sources it adjusts. */
    @Bean
    static BorealisHikariPostProcessor borealisHikariPostProcessor() {
      return new BorealisHikariPostProcessor();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  @ConditionalOnProperty(prefix = "management.health.borealis", name = "enabled", matchIfMissing = true)
  static class Boot4Health {
    @Bean
    @ConditionalOnMissingBean(name = "borealisHealthIndicator")
    BorealisHealthIndicator borealisHealthIndicator(BorealisTopologies topologies) {
      return new BorealisHealthIndicator(topologies);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  @ConditionalOnProperty(prefix = "management.health.borealis", name = "enabled", matchIfMissing = true)
  static class Boot3Health {
    @Bean
    @ConditionalOnMissingBean(name = "borealisHealthIndicator")
    BorealisBoot3HealthIndicator borealisHealthIndicator(BorealisTopologies topologies) {
      return new BorealisBoot3HealthIndicator(topologies);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
  @ConditionalOnProperty(prefix = "borealis.spring", name = "metrics", matchIfMissing = true)
  static class Metrics {
    @Bean
    @ConditionalOnMissingBean
    BorealisMeterBinder borealisMeterBinder(BorealisTopologies topologies) {
      return new BorealisMeterBinder(topologies);
    }
  }
}

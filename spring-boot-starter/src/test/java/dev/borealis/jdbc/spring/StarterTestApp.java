package dev.borealis.jdbc.spring;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;

/** The smallest Boot application a user of the starter writes: a data source from properties and a service. */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableTransactionManagement
class StarterTestApp {

  @Bean
  InstanceReads instanceReads(JdbcTemplate jdbc, Environment env) {
    return new InstanceReads(jdbc, env.getRequiredProperty("test.instance-query"));
  }

  /** Which instance a transaction ran on; Spring's transaction manager calls setReadOnly for readOnly = true. */
  public static class InstanceReads {
    private final JdbcTemplate jdbc;
    private final String query;

    public InstanceReads(JdbcTemplate jdbc, String query) {
      this.jdbc = jdbc;
      this.query = query;
    }

    @Transactional(readOnly = true)
    public String readOnlyInstance() {
      return jdbc.queryForObject(query, String.class);
    }

    @Transactional
    public String readWriteInstance() {
      return jdbc.queryForObject(query, String.class);
    }
  }

  /** A user's own override, which the starter must keep. */
  public static class UsersOwnOverride implements SQLExceptionOverride {
    @java.lang.Override
    public Override adjudicate(SQLException e) {
      return Override.CONTINUE_EVICT;
    }
  }
}

package dev.borealis.jdbc.postgres.it;

import dev.borealis.cluster.Engine;
import dev.borealis.jdbc.it.ClusterRoutingContract;

/** The driver's routing contract against the embedded cluster's Aurora PostgreSQL frontend, through pgJDBC. */
class PostgresClusterRoutingTest extends ClusterRoutingContract {

  @Override
  protected Engine engine() {
    return Engine.POSTGRESQL;
  }

  @Override
  protected String scheme() {
    return "postgresql";
  }

  @Override
  protected String database() {
    return "postgres";
  }

  @Override
  protected String instanceIdSql() {
    return "SELECT aurora_db_instance_identifier()";
  }

  /** No TLS: the routing under test does not depend on it, and it saves a handshake per connection. */
  @Override
  protected String targetProperties() {
    return "sslmode=disable";
  }

  @Override
  protected String refusedTargetProperty() {
    return "sslmode=bogus";
  }
}

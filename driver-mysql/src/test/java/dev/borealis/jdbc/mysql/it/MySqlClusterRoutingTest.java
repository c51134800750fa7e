package dev.borealis.jdbc.mysql.it;

import dev.borealis.cluster.Engine;
import dev.borealis.jdbc.it.ClusterRoutingContract;

/** The driver's routing contract against the embedded cluster's Aurora MySQL frontend, through Connector/J. */
class MySqlClusterRoutingTest extends ClusterRoutingContract {

  @Override
  protected Engine engine() {
    return Engine.MYSQL;
  }

  @Override
  protected String scheme() {
    return "mysql";
  }

  /** No default schema: tables go to the session's current one, as in the MySQL frontend's own tests. */
  @Override
  protected String database() {
    return "";
  }

  @Override
  protected String instanceIdSql() {
    return "SELECT @@aurora_server_id";
  }

  /** No TLS (the routing does not depend on it); the key is needed for caching_sha2 without TLS. */
  @Override
  protected String targetProperties() {
    return "useSSL=false&allowPublicKeyRetrieval=true";
  }

  @Override
  protected String refusedTargetProperty() {
    return "connectTimeout=abc";
  }
}

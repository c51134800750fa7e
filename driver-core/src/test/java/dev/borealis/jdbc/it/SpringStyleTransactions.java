package dev.borealis.jdbc.it;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The JDBC calls Spring's {@code DataSourceTransactionManager} makes around a {@code @Transactional} method (Spring
 * is not a dependency of this project, so the sequence is reproduced here): {@code doBegin} sets read-only
 * <em>before</em> turning autocommit off (DataSourceUtils.prepareConnectionForTransaction), {@code doCommit} /
 * {@code doRollback}, then {@code doCleanupAfterCompletion} restores autocommit, resets read-only and releases the
 * connection to the pool.
 */
final class SpringStyleTransactions {

  interface Work<T> {
    T apply(Connection c) throws SQLException;
  }

  interface VoidWork {
    void apply(Connection c) throws SQLException;
  }

  private final DataSource dataSource;

  SpringStyleTransactions(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  void run(boolean readOnly, VoidWork work) throws SQLException {
    call(readOnly, c -> {
      work.apply(c);
      return null;
    });
  }

  <T> T call(boolean readOnly, Work<T> work) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      if (readOnly) {
        c.setReadOnly(true);
      }
      boolean restoreAutoCommit = c.getAutoCommit();
      if (restoreAutoCommit) {
        c.setAutoCommit(false);
      }
      try {
        T result;
        try {
          result = work.apply(c);
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
        c.commit();
        return result;
      } finally {
        if (restoreAutoCommit) {
          c.setAutoCommit(true);
        }
        if (readOnly) {
          c.setReadOnly(false);
        }
      }
    }
  }
}

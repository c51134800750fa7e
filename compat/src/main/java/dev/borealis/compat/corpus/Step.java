package dev.borealis.compat.corpus;

import dev.borealis.compat.diff.Outcome;
import dev.borealis.compat.diff.RowOrder;
import dev.borealis.compat.diff.Statements;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/** One compared step of a case: a SQL statement, or a {@link DatabaseMetaData} call. */
public sealed interface Step {

  /** What the step does, for reports: the SQL, or the metadata call. */
  String text();

  /** Whether its rows have a defined order (else they are compared as a multiset). */
  boolean ordered();

  Outcome run(Connection connection);

  /** A SQL statement, run with {@code Statement.execute}. */
  record Sql(String text) implements Step {
    @Override
    public boolean ordered() {
      return RowOrder.defined(text);
    }

    @Override
    public Outcome run(Connection connection) {
      return Statements.run(connection, text);
    }
  }

  /** A metadata answer frameworks rely on, read from the connection's {@link DatabaseMetaData}. */
  record Metadata(String text, boolean ordered, MetadataCall call) implements Step {
    @Override
    public Outcome run(Connection connection) {
      try {
        return call.answer(connection.getMetaData(), connection);
      } catch (SQLException e) {
        return new Outcome.Failure(e.getSQLState(), e.getErrorCode(), e.getMessage());
      } catch (RuntimeException e) {
        return new Outcome.Failure("XXJDB", 0, "client-side " + e);
      }
    }
  }

  /** A metadata question; the answer is an outcome like a statement's, so it is compared the same way. */
  @FunctionalInterface
  interface MetadataCall {
    Outcome answer(DatabaseMetaData metaData, Connection connection) throws SQLException;
  }
}

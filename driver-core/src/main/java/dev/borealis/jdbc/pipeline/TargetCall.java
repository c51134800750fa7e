package dev.borealis.jdbc.pipeline;

import java.sql.SQLException;

/** The call on the target driver at the end of a chain. */
@FunctionalInterface
public interface TargetCall<R> {
  R call() throws SQLException;
}

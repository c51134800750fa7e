package dev.borealis.jdbc.hikari;

import com.zaxxer.hikari.SQLExceptionOverride;
import dev.borealis.jdbc.FailoverSuccessException;
import dev.borealis.jdbc.TransactionStateUnknownException;
import java.sql.SQLException;

/**
 * For HikariCP's {@code exceptionOverrideClassName}: a connection that failed over (08S02) or lost a transaction
 * outcome (08007) is already on a healthy instance, so the pool keeps it instead of evicting it; any other error
 * is left to HikariCP's own judgement.
 */
public class BorealisExceptionOverride implements SQLExceptionOverride {

  @java.lang.Override
  public Override adjudicate(SQLException e) {
    String state = e.getSQLState();
    if (FailoverSuccessException.SQL_STATE.equals(state) || TransactionStateUnknownException.SQL_STATE.equals(state)) {
      return Override.DO_NOT_EVICT;
    }
    return Override.CONTINUE_EVICT;
  }
}

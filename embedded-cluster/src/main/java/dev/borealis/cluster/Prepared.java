package dev.borealis.cluster;

import java.sql.ParameterMetaData;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;

/** A statement prepared once on a session and executed many times with parameters. */
public interface Prepared extends AutoCloseable {

    String sql();

    int parameterCount() throws SQLException;

    ParameterMetaData parameterMetaData() throws SQLException;

    /** The columns the statement returns, or null when it returns no rows. */
    ResultSetMetaData resultMetaData() throws SQLException;

    /** Executes with {@code parameters} (1-based order; JDBC-compatible Java values, null for SQL NULL). */
    Result execute(List<?> parameters, boolean returnGeneratedKeys) throws SQLException;

    @Override
    void close() throws SQLException;
}

package dev.borealis.cluster.compute;

import dev.borealis.cluster.Prepared;
import dev.borealis.cluster.Result;

import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;

/** A server-side prepared statement; executes through its session's capture and commit rules. */
final class H2Prepared implements Prepared {

    private final H2Session session;
    private final String sql;
    private final Classified classified;
    private final PreparedStatement statement;

    H2Prepared(H2Session session, String sql, Classified classified, PreparedStatement statement) {
        this.session = session;
        this.sql = sql;
        this.classified = classified;
        this.statement = statement;
    }

    @Override
    public String sql() {
        return sql;
    }

    Classified classified() {
        return classified;
    }

    PreparedStatement statement() {
        return statement;
    }

    @Override
    public int parameterCount() throws SQLException {
        return statement.getParameterMetaData().getParameterCount();
    }

    @Override
    public ParameterMetaData parameterMetaData() throws SQLException {
        return statement.getParameterMetaData();
    }

    @Override
    public ResultSetMetaData resultMetaData() throws SQLException {
        return statement.getMetaData();
    }

    @Override
    public Result execute(List<?> parameters, boolean returnGeneratedKeys) throws SQLException {
        return session.executePrepared(this, parameters, returnGeneratedKeys);
    }

    @Override
    public void close() throws SQLException {
        statement.close();
    }
}

package dev.borealis.cluster.wire.mysql;

import java.sql.ResultSet;
import java.sql.SQLException;

/** What one statement produced: rows to stream, or an OK with counts. Closing releases the rows. */
record Outcome(ResultSet rows, AutoCloseable resource, long affected, long lastInsertId) implements AutoCloseable {

    static Outcome ok() {
        return new Outcome(null, null, 0, 0);
    }

    static Outcome ok(long affected) {
        return new Outcome(null, null, affected, 0);
    }

    static Outcome rows(ResultSet rows) {
        return new Outcome(rows, null, -1, 0);
    }

    @Override
    public void close() throws SQLException {
        try {
            if (resource != null) {
                resource.close();
            } else if (rows != null) {
                rows.close();
            }
        } catch (SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new SQLException("closing a result failed: " + e.getMessage(), "HY000", e);
        }
    }
}

package dev.borealis.cluster.compute;

import dev.borealis.cluster.storage.Checkpoint;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Loads a checkpoint image into a fresh database. */
final class Checkpoints {
    private Checkpoints() {
    }

    /** Runs the image's statements; returns the LSN the database now stands at (0 without an image). */
    static long load(Connection database, Checkpoint image) throws SQLException {
        if (image == null) {
            return 0;
        }
        boolean autoCommit = database.getAutoCommit();
        database.setAutoCommit(true);
        try (Statement st = database.createStatement()) {
            for (String statement : image.script()) {
                st.execute(statement);
            }
        } finally {
            database.setAutoCommit(autoCommit);
        }
        return image.lsn();
    }
}

package dev.borealis.cluster.compute;

import dev.borealis.cluster.storage.RedoRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Row trigger installed on every base table of every instance: turns each row change of a user
 * session into a redo record, and refuses the change when the session may not write (a reader, or
 * a read-only transaction). Public only because H2 instantiates it by name.
 */
public final class RedoCaptureTrigger implements org.h2.api.Trigger {

    private String schema;
    private String table;

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type) {
        this.schema = schemaName;
        this.table = tableName;
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        CaptureContext context = CaptureContext.CURRENT.get();
        if (context == null) {
            return;
        }
        if (context.refuseWritesReason() != null) {
            context.markRefused();
            throw new SQLException(context.refuseWritesReason());
        }
        if (oldRow == null) {
            context.add(new RedoRecord.Insert(schema, table, detach(newRow)));
        } else if (newRow == null) {
            context.add(new RedoRecord.Delete(schema, table, detach(oldRow)));
        } else {
            context.add(new RedoRecord.Update(schema, table, detach(oldRow), detach(newRow)));
        }
    }

    /** LOB handles belong to the session that produced them; the log keeps plain values. */
    private static Object[] detach(Object[] row) throws SQLException {
        Object[] copy = row.clone();
        for (int i = 0; i < copy.length; i++) {
            try {
                if (copy[i] instanceof Blob) {
                    Blob blob = (Blob) copy[i];
                    try (InputStream in = blob.getBinaryStream()) {
                        copy[i] = in.readAllBytes();
                    }
                } else if (copy[i] instanceof Clob) {
                    Clob clob = (Clob) copy[i];
                    StringBuilder text = new StringBuilder();
                    try (Reader in = clob.getCharacterStream()) {
                        char[] buffer = new char[8192];
                        for (int n; (n = in.read(buffer)) > 0; ) {
                            text.append(buffer, 0, n);
                        }
                    }
                    copy[i] = text.toString();
                }
            } catch (IOException e) {
                throw new SQLException("could not read a LOB value for the redo log", "HY000", e);
            }
        }
        return copy;
    }
}

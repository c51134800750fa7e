package dev.borealis.cluster.storage;

import java.util.Arrays;

/**
 * One change in the redo log. Row changes carry full row images (column order of the table), so a
 * reader reproduces exactly the writer's rows whatever {@code NOW()}, {@code RAND()} or identity
 * generation produced there. DDL travels as a statement, run in the schema it was issued in.
 */
public sealed interface RedoRecord {

    /** Rough size in bytes, for back-pressure accounting and statistics. */
    int weight();

    record Insert(String schema, String table, Object[] row) implements RedoRecord {
        public int weight() { return 16 + row.length * 16; }
        @Override public String toString() { return "Insert[" + schema + "." + table + " " + Arrays.toString(row) + "]"; }
    }

    record Update(String schema, String table, Object[] oldRow, Object[] newRow) implements RedoRecord {
        public int weight() { return 16 + oldRow.length * 32; }
        @Override public String toString() {
            return "Update[" + schema + "." + table + " " + Arrays.toString(oldRow) + " -> " + Arrays.toString(newRow) + "]";
        }
    }

    record Delete(String schema, String table, Object[] oldRow) implements RedoRecord {
        public int weight() { return 16 + oldRow.length * 16; }
        @Override public String toString() { return "Delete[" + schema + "." + table + " " + Arrays.toString(oldRow) + "]"; }
    }

    /** A schema change, replayed as the statement itself with {@code schema} as the current schema. */
    record Ddl(String schema, String sql) implements RedoRecord {
        public int weight() { return 16 + sql.length(); }
    }

    /** A sequence's next value moved (sequences change without any row changing). */
    record SequenceAdvance(String schema, String sequence, long nextValue) implements RedoRecord {
        public int weight() { return 32; }
    }
}

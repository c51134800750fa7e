package dev.borealis.cluster.compute;

import dev.borealis.cluster.storage.RedoRecord;
import dev.borealis.cluster.storage.VolumeTransaction;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays redo transactions into one instance's database, each as one local transaction, so the
 * instance only ever shows committed prefixes of the writer's history. Row images are matched by
 * primary key, or by every column ({@code IS NOT DISTINCT FROM}, one row) for tables without one.
 * Owned by one thread at a time (the replica's apply thread, or recovery).
 */
final class RedoApplier implements AutoCloseable {

    private final Connection connection;
    private final Map<String, TableShape> shapes = new HashMap<>();
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    RedoApplier(Connection connection) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(false);
    }

    void apply(VolumeTransaction transaction) throws SQLException {
        try {
            for (RedoRecord record : transaction.records()) {
                apply(record);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    private void apply(RedoRecord record) throws SQLException {
        if (record instanceof RedoRecord.Insert) {
            RedoRecord.Insert insert = (RedoRecord.Insert) record;
            TableShape shape = shape(insert.schema(), insert.table());
            PreparedStatement ps = statement("I", shape, () -> insertSql(shape));
            bindWritable(ps, shape, insert.row(), 1);
            ps.executeUpdate();
        } else if (record instanceof RedoRecord.Update) {
            RedoRecord.Update update = (RedoRecord.Update) record;
            TableShape shape = shape(update.schema(), update.table());
            PreparedStatement ps = statement("U", shape, () -> updateSql(shape));
            int next = bindWritable(ps, shape, update.newRow(), 1);
            bindMatch(ps, shape, update.oldRow(), next);
            expectOne(ps.executeUpdate(), record);
        } else if (record instanceof RedoRecord.Delete) {
            RedoRecord.Delete delete = (RedoRecord.Delete) record;
            TableShape shape = shape(delete.schema(), delete.table());
            PreparedStatement ps = statement("D", shape, () -> "DELETE FROM " + shape.qualifiedName()
                    + " WHERE " + matchClause(shape) + " FETCH FIRST 1 ROWS ONLY");
            bindMatch(ps, shape, delete.oldRow(), 1);
            expectOne(ps.executeUpdate(), record);
        } else if (record instanceof RedoRecord.Ddl) {
            applyDdl((RedoRecord.Ddl) record);
        } else if (record instanceof RedoRecord.SequenceAdvance) {
            RedoRecord.SequenceAdvance seq = (RedoRecord.SequenceAdvance) record;
            try (Statement st = connection.createStatement()) {
                st.execute("ALTER SEQUENCE " + Sql.quote(seq.schema()) + "." + Sql.quote(seq.sequence())
                        + " RESTART WITH " + seq.nextValue());
            }
        }
    }

    private void applyDdl(RedoRecord.Ddl ddl) throws SQLException {
        connection.commit();
        String previous = connection.getSchema();
        try (Statement st = connection.createStatement()) {
            if (ddl.schema() != null && schemaExists(ddl.schema())) {
                connection.setSchema(ddl.schema());
            }
            st.execute(ddl.sql());
        } finally {
            if (schemaExists(previous)) {
                connection.setSchema(previous);
            }
            invalidate();
        }
        RedoTriggers.afterDdl(connection, ddl.sql());
    }

    private boolean schemaExists(String schema) throws SQLException {
        if (schema == null) {
            return false;
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT 1 FROM information_schema.schemata WHERE schema_name = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void expectOne(int count, RedoRecord record) throws SQLException {
        if (count != 1) {
            throw new SQLException("replica diverged: " + count + " rows matched " + record, "XX001");
        }
    }

    private int bindWritable(PreparedStatement ps, TableShape shape, Object[] row, int index) throws SQLException {
        for (int c = 0; c < row.length; c++) {
            if (shape.writable()[c]) {
                ps.setObject(index++, row[c]);
            }
        }
        return index;
    }

    private void bindMatch(PreparedStatement ps, TableShape shape, Object[] row, int index) throws SQLException {
        for (int c : matchColumns(shape)) {
            ps.setObject(index++, row[c]);
        }
    }

    private static int[] matchColumns(TableShape shape) {
        if (shape.keyColumns().length > 0) {
            return shape.keyColumns();
        }
        int[] all = new int[shape.columns().size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return all;
    }

    private static String matchClause(TableShape shape) {
        List<String> parts = new ArrayList<>();
        for (int c : matchColumns(shape)) {
            parts.add(Sql.quote(shape.columns().get(c)) + " IS NOT DISTINCT FROM ?");
        }
        return String.join(" AND ", parts);
    }

    private static String insertSql(TableShape shape) {
        List<String> names = new ArrayList<>();
        List<String> marks = new ArrayList<>();
        for (int c = 0; c < shape.columns().size(); c++) {
            if (shape.writable()[c]) {
                names.add(Sql.quote(shape.columns().get(c)));
                marks.add("?");
            }
        }
        return "INSERT INTO " + shape.qualifiedName() + " (" + String.join(", ", names) + ")"
                + (shape.identityAlways() ? " OVERRIDING SYSTEM VALUE" : "")
                + " VALUES (" + String.join(", ", marks) + ")";
    }

    private static String updateSql(TableShape shape) {
        List<String> sets = new ArrayList<>();
        for (int c = 0; c < shape.columns().size(); c++) {
            if (shape.writable()[c]) {
                sets.add(Sql.quote(shape.columns().get(c)) + " = ?");
            }
        }
        return "UPDATE " + shape.qualifiedName() + " SET " + String.join(", ", sets)
                + " WHERE " + matchClause(shape) + " FETCH FIRST 1 ROWS ONLY";
    }

    private interface SqlText {
        String get();
    }

    private PreparedStatement statement(String kind, TableShape shape, SqlText sql) throws SQLException {
        String key = kind + shape.qualifiedName();
        PreparedStatement ps = statements.get(key);
        if (ps == null) {
            ps = connection.prepareStatement(sql.get());
            statements.put(key, ps);
        }
        return ps;
    }

    private TableShape shape(String schema, String table) throws SQLException {
        String key = schema + '\u0000' + table;
        TableShape shape = shapes.get(key);
        if (shape == null) {
            shape = TableShapes.read(connection, schema, table);
            shapes.put(key, shape);
        }
        return shape;
    }

    private void invalidate() throws SQLException {
        shapes.clear();
        for (PreparedStatement ps : statements.values()) {
            ps.close();
        }
        statements.clear();
    }

    @Override
    public void close() throws SQLException {
        invalidate();
    }
}

package dev.borealis.cluster.wire.mysql;

import dev.borealis.cluster.Prepared;
import dev.borealis.cluster.Result;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Server-side prepared statements and the binary protocol: COM_STMT_PREPARE / EXECUTE /
 * SEND_LONG_DATA / RESET / CLOSE. Statements the frontend answers itself (SET, SHOW …) are kept as
 * text and run with their parameters inlined; the rest are prepared on the session, and prepared
 * again when a re-translation differs (e.g. a {@code @@variable} changed).
 */
final class BinaryStatements {

    private static final class Statement {
        final int id;
        final String mysql;
        final int parameterCount;
        final boolean insert;
        String h2;
        Prepared prepared;
        int[] types;
        final Map<Integer, ByteArrayOutputStream> longData = new HashMap<>();

        Statement(int id, String mysql, int parameterCount, boolean insert) {
            this.id = id;
            this.mysql = mysql;
            this.parameterCount = parameterCount;
            this.insert = insert;
        }

        void close() {
            if (prepared != null) {
                try {
                    prepared.close();
                } catch (SQLException ignored) {
                    // the session may be gone; nothing left to release
                }
            }
        }
    }

    private final MySqlConnection connection;
    private final Map<Integer, Statement> statements = new HashMap<>();
    private int nextId = 1;

    BinaryStatements(MySqlConnection connection) {
        this.connection = connection;
    }

    void handle(int command, PayloadReader r) throws IOException, SQLException {
        switch (command) {
            case Protocol.COM_STMT_PREPARE: prepare(new String(r.rest(), StandardCharsets.UTF_8)); break;
            case Protocol.COM_STMT_EXECUTE: execute(r); break;
            case Protocol.COM_STMT_SEND_LONG_DATA: longData(r); break;
            case Protocol.COM_STMT_CLOSE: close((int) r.int4()); break;
            case Protocol.COM_STMT_RESET:
                statement((int) r.int4(), "mysqld_stmt_reset").longData.clear();
                connection.sendOk(0, 0);
                break;
            default: throw new IllegalArgumentException("not a statement command: " + command);
        }
    }

    private void prepare(String sql) throws IOException, SQLException {
        List<String> parts = SqlLexer.splitStatements(sql);
        if (parts.size() != 1) {
            throw (parts.isEmpty() ? new MySqlError(1065, "42000", "Query was empty")
                    : MySqlError.syntax(parts.get(1))).exception();
        }
        NestingDepth.check(parts.get(0));
        String mysql = parts.get(0);
        List<SqlToken> tokens = StatementRouter.significant(mysql);
        int params = (int) tokens.stream().filter(t -> t.type() == SqlToken.Type.PARAM).count();
        String first = tokens.isEmpty() ? "" : tokens.get(0).upper();
        Statement s = new Statement(nextId++, mysql, params, first.equals("INSERT") || first.equals("REPLACE"));
        List<ColumnDef> columns = List.of();
        if (!connection.router().isServerHandled(mysql)) {
            s.h2 = SqlTranslator.translate(mysql, connection);
            s.prepared = connection.checkSession().prepare(s.h2);
            ResultSetMetaData md = s.prepared.resultMetaData();
            columns = md == null ? List.of() : ResultWriter.columns(md);
        }
        statements.put(s.id, s);
        PacketChannel channel = connection.channel();
        channel.write(new PayloadWriter(12).int1(0).int4(s.id).int2(columns.size()).int2(params).int1(0).int2(0).toByteArray());
        if (params > 0) {
            List<ColumnDef> defs = new ArrayList<>();
            for (int i = 0; i < params; i++) {
                defs.add(ColumnDef.parameter());
            }
            new ResultWriter(channel).definitions(defs);
        }
        if (!columns.isEmpty()) {
            new ResultWriter(channel).definitions(columns);
        }
    }

    private Statement statement(int id, String command) throws MySqlErrorException {
        Statement s = statements.get(id);
        if (s == null) {
            throw new MySqlError(1243, "HY000", "Unknown prepared statement handler (" + id + ") given to " + command)
                    .exception();
        }
        return s;
    }

    private void execute(PayloadReader r) throws IOException, SQLException {
        Statement s = statement((int) r.int4(), "mysqld_stmt_execute");
        r.int1(); // cursor flags: results are always sent in full
        r.int4(); // iteration count, always 1
        List<Object> values = parameters(s, r);
        s.longData.clear();
        connection.beforeStatement();
        try (Outcome outcome = run(s, values)) {
            connection.sendOutcome(outcome, true, false);
        } finally {
            connection.afterStatement();
        }
    }

    private Outcome run(Statement s, List<Object> values) throws SQLException {
        if (s.prepared == null) {
            return connection.router().execute(inline(s.mysql, values));
        }
        String h2 = SqlTranslator.translate(s.mysql, connection);
        if (!h2.equals(s.h2)) {
            s.close();
            s.prepared = connection.checkSession().prepare(h2);
            s.h2 = h2;
        }
        Result result = s.prepared.execute(values, s.insert);
        return StatementRouter.outcome(result, s.mysql);
    }

    private List<Object> parameters(Statement s, PayloadReader r) throws SQLException, IOException {
        int n = s.parameterCount;
        List<Object> values = new ArrayList<>(n);
        if (n == 0) {
            return values;
        }
        byte[] nulls = r.bytes((n + 7) / 8);
        if (r.int1() == 1) {
            s.types = new int[n];
            for (int i = 0; i < n; i++) {
                s.types[i] = r.int2();
            }
        }
        if (s.types == null) {
            throw new MySqlError(1210, "HY000", "Incorrect arguments to mysqld_stmt_execute (no parameter types bound)")
                    .exception();
        }
        for (int i = 0; i < n; i++) {
            boolean isNull = (nulls[i / 8] & (1 << (i % 8))) != 0;
            ByteArrayOutputStream data = s.longData.get(i);
            if (isNull) {
                values.add(null);
            } else if (data != null) {
                int type = s.types[i] & 0xFF;
                values.add(MySqlTypes.isBinaryBlob(type) ? data.toByteArray() : data.toString(StandardCharsets.UTF_8));
            } else {
                values.add(decode(r, s.types[i]));
            }
        }
        return values;
    }

    private static Object decode(PayloadReader r, int typeAndFlag) throws SQLException, IOException {
        int type = typeAndFlag & 0xFF;
        boolean unsigned = (typeAndFlag & 0x8000) != 0;
        switch (type) {
            case MySqlTypes.TINY: { int v = r.int1(); return (long) (unsigned ? v : (byte) v); }
            case MySqlTypes.SHORT: case MySqlTypes.YEAR: { int v = r.int2(); return (long) (unsigned ? v : (short) v); }
            case MySqlTypes.LONG: case MySqlTypes.INT24: { long v = r.int4(); return unsigned ? v : (long) (int) v; }
            case MySqlTypes.LONGLONG: {
                long v = r.int8();
                return unsigned && v < 0 ? new BigInteger(Long.toUnsignedString(v)) : (Object) v;
            }
            case MySqlTypes.FLOAT: return Float.intBitsToFloat((int) r.int4());
            case MySqlTypes.DOUBLE: return Double.longBitsToDouble(r.int8());
            case MySqlTypes.NULL: return null;
            case MySqlTypes.DATE: case MySqlTypes.DATETIME: case MySqlTypes.TIMESTAMP: return dateTime(r, type);
            case MySqlTypes.TIME: return time(r);
            case MySqlTypes.DECIMAL: case MySqlTypes.NEWDECIMAL: return new BigDecimal(r.lenencString());
            case MySqlTypes.TINY_BLOB: case MySqlTypes.MEDIUM_BLOB: case MySqlTypes.LONG_BLOB: case MySqlTypes.BLOB:
            case MySqlTypes.BIT: case 0xFF:
                return r.lenencBytes();
            case MySqlTypes.VARCHAR: case MySqlTypes.VAR_STRING: case MySqlTypes.STRING: case MySqlTypes.JSON:
            case MySqlTypes.ENUM: case 0xF8:
                return r.lenencString();
            default:
                throw new MySqlError(1210, "HY000", "Incorrect arguments to mysqld_stmt_execute (parameter type "
                        + type + " is not supported)").exception();
        }
    }

    private static Object dateTime(PayloadReader r, int type) throws SQLException, IOException {
        int length = r.int1();
        if (length == 0) {
            return type == MySqlTypes.DATE ? LocalDate.of(0, 1, 1) : LocalDateTime.of(0, 1, 1, 0, 0);
        }
        if (length != 4 && length != 7 && length != 11) {
            throw new MalformedPacketException("bad date length " + length);
        }
        int year = r.int2();
        int month = r.int1();
        int day = r.int1();
        if (length == 4) {
            return type == MySqlTypes.DATE ? (Object) LocalDate.of(year, month, day) : LocalDateTime.of(year, month, day, 0, 0);
        }
        int hour = r.int1();
        int minute = r.int1();
        int second = r.int1();
        int micros = length == 11 ? (int) r.int4() : 0;
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, micros * 1000);
        } catch (java.time.DateTimeException e) {
            throw new MySqlError(1292, "22007", "Incorrect datetime value: " + e.getMessage()).exception();
        }
    }

    private static Object time(PayloadReader r) throws SQLException, IOException {
        int length = r.int1();
        if (length == 0) {
            return LocalTime.MIDNIGHT;
        }
        if (length != 8 && length != 12) {
            throw new MalformedPacketException("bad time length " + length);
        }
        boolean negative = r.int1() == 1;
        long days = r.int4();
        int hour = r.int1();
        int minute = r.int1();
        int second = r.int1();
        int micros = length == 12 ? (int) r.int4() : 0;
        if (!negative && days == 0 && hour < 24 && minute < 60 && second < 60) {
            return LocalTime.of(hour, minute, second, micros * 1000);
        }
        return (negative ? "-" : "") + (days * 24 + hour) + String.format(":%02d:%02d", minute, second);
    }

    private void longData(PayloadReader r) throws MalformedPacketException {
        Statement s = statements.get((int) r.int4());
        int param = r.int2();
        byte[] data = r.rest();
        if (s != null && param < s.parameterCount) {
            s.longData.computeIfAbsent(param, k -> new ByteArrayOutputStream()).writeBytes(data);
        }
    }

    private void close(int id) {
        Statement s = statements.remove(id);
        if (s != null) {
            s.close();
        }
    }

    void closeAll() {
        for (Statement s : statements.values()) {
            s.close();
        }
        statements.clear();
    }

    /** Replaces each {@code ?} by the value as a MySQL literal (for statements answered as text). */
    static String inline(String mysql, List<Object> values) {
        StringBuilder b = new StringBuilder();
        int next = 0;
        for (SqlToken t : SqlLexer.tokenize(mysql)) {
            if (t.type() == SqlToken.Type.PARAM && next < values.size()) {
                Object v = values.get(next++);
                if (v instanceof byte[] bytes) {
                    b.append("X'").append(java.util.HexFormat.of().formatHex(bytes)).append('\'');
                } else {
                    b.append(v instanceof String ? SqlLexer.quote((String) v).replace("\\", "\\\\")
                            : SqlTranslator.literal(v == null ? null : v instanceof Number ? v : v.toString()));
                }
            } else {
                b.append(t.text());
            }
        }
        return b.toString();
    }
}

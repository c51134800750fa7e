package dev.borealis.cluster.wire.pg;

import dev.borealis.cluster.Prepared;
import dev.borealis.cluster.Result;
import dev.borealis.cluster.Session;

import java.io.IOException;
import java.sql.ParameterMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The extended-query sub-protocol of one connection: named and unnamed prepared statements
 * (Parse, Describe S, Close S) and portals (Bind, Describe P, Execute with a row limit and
 * PortalSuspended, Close P). A portal's states: BOUND → RUNNING (rows open after a suspended
 * Execute) → DONE (CommandComplete sent); statements run through the owning {@link PgConnection}'s
 * transaction rules.
 */
final class PgExtendedQuery {

    private static final System.Logger LOG = System.getLogger(PgExtendedQuery.class.getName());

    /** A parsed (prepared) statement. */
    private static final class Statement {
        final PgStatement sql;
        final Prepared prepared;
        final int[] paramOids;
        final int[] declaredOids;
        final List<PgColumn> columns;

        Statement(PgStatement sql, Prepared prepared, int[] paramOids, int[] declaredOids, List<PgColumn> columns) {
            this.sql = sql;
            this.prepared = prepared;
            this.paramOids = paramOids;
            this.declaredOids = declaredOids;
            this.columns = columns;
        }

        /** The type a parameter is decoded as: the client's, else H2's inference unless that is only "text". */
        PgType parameterType(int i, boolean binary) {
            int declared = i < declaredOids.length ? declaredOids[i] : 0;
            PgType type = PgType.byOid(declared != 0 ? declared : paramOids[i]);
            if (declared == 0 && (type == null || type == PgType.VARCHAR || type == PgType.TEXT || type == PgType.UNKNOWN)) {
                return binary ? PgType.BYTEA : null;
            }
            return type;
        }
    }

    /** A bound portal; its rows stay open between Executes with a row limit. */
    private static final class Portal {
        final Statement statement;
        final List<Object> parameters;
        final short[] resultFormats;
        Result result;
        ResultSet rows;
        long sent;
        String tag;

        Portal(Statement statement, List<Object> parameters, short[] resultFormats) {
            this.statement = statement;
            this.parameters = parameters;
            this.resultFormats = resultFormats;
        }

        void close() {
            if (result != null) {
                try {
                    result.close();
                } catch (SQLException ignored) {
                    // the session may be gone
                }
            }
            result = null;
            rows = null;
        }
    }

    private final PgConnection connection;
    private final Session session;
    private final PgOutput out;
    private final Map<String, Statement> statements = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();

    PgExtendedQuery(PgConnection connection, Session session, PgOutput out) {
        this.connection = connection;
        this.session = session;
        this.out = out;
    }

    void parse(PgBody m) throws SQLException {
        String name = m.cstring();
        String sql = m.cstring();
        int n = m.count16(4);
        int[] declared = new int[n];
        for (int i = 0; i < n; i++) {
            declared[i] = m.int32();
        }
        if (!name.isEmpty() && statements.containsKey(name)) {
            throw new SQLException("prepared statement \"" + name + "\" already exists", "42P05");
        }
        List<List<PgLexer.Token>> parts = PgLexer.statements(sql);
        if (parts.size() > 1) {
            throw new SQLException("cannot insert multiple commands into a prepared statement", "42601");
        }
        PgNestingDepth.check(parts.get(0));
        PgStatement statement = PgTranslator.translate(parts.get(0));
        Statement parsed = statement.kind() == PgStatement.Kind.H2 ? prepare(statement, declared)
                : new Statement(statement, null, declared, declared, null);
        Statement old = statements.put(name, parsed);
        closeStatement(old);
        out.parseComplete();
    }

    private Statement prepare(PgStatement statement, int[] declared) throws SQLException {
        connection.checkNotFailed(statement);
        Prepared prepared = session.prepare(statement.h2Sql());
        int count = Math.max(declared.length, prepared.parameterCount());
        int[] oids = new int[count];
        ParameterMetaData pmd = count > 0 ? prepared.parameterMetaData() : null;
        for (int i = 0; i < count; i++) {
            oids[i] = i < declared.length && declared[i] != 0 ? declared[i]
                    : i < prepared.parameterCount() ? PgType.ofJdbc(pmd.getParameterType(i + 1), pmd.getParameterTypeName(i + 1)).oid()
                    : PgType.UNKNOWN.oid();
        }
        return new Statement(statement, prepared, oids, declared, PgRows.columns(prepared.resultMetaData()));
    }

    void bind(PgBody m) throws SQLException {
        String portalName = m.cstring();
        String statementName = m.cstring();
        Statement statement = statement(statementName);
        int nf = m.count16(2);
        short[] formats = new short[nf];
        for (int i = 0; i < nf; i++) {
            formats[i] = (short) m.int16();
        }
        int np = m.count16(4);
        if (np != statement.paramOids.length) {
            throw new SQLException("bind message supplies " + np + " parameters, but prepared statement \""
                    + statementName + "\" requires " + statement.paramOids.length, "08P01");
        }
        List<Object> values = new ArrayList<>(np);
        for (int i = 0; i < np; i++) {
            int len = m.int32();
            byte[] raw = len < 0 ? null : m.bytes(len);
            boolean binary = nf == 1 ? formats[0] == 1 : nf > i && formats[i] == 1;
            values.add(PgValues.decode(raw, statement.parameterType(i, binary), binary));
        }
        int nr = m.count16(2);
        short[] resultFormats = new short[nr];
        for (int i = 0; i < nr; i++) {
            resultFormats[i] = (short) m.int16();
        }
        if (!portalName.isEmpty() && portals.containsKey(portalName)) {
            throw new SQLException("cursor \"" + portalName + "\" already exists", "42P03");
        }
        Portal old = portals.put(portalName, new Portal(statement, values, resultFormats));
        if (old != null) {
            old.close();
        }
        out.bindComplete();
    }

    private Statement statement(String name) throws SQLException {
        Statement s = statements.get(name);
        if (s == null) {
            throw new SQLException("prepared statement \"" + name + "\" does not exist", "26000");
        }
        return s;
    }

    private Portal portal(String name) throws SQLException {
        Portal p = portals.get(name);
        if (p == null) {
            throw new SQLException("portal \"" + name + "\" does not exist", "34000");
        }
        return p;
    }

    void describe(PgBody m) throws SQLException {
        byte what = m.byte1();
        String name = m.cstring();
        if (what == 'S') {
            Statement s = statement(name);
            out.parameterDescription(s.paramOids);
            describeRows(s.columns, null);
        } else if (what == 'P') {
            Portal p = portal(name);
            describeRows(p.statement.columns, p.resultFormats);
        } else {
            throw new PgProtocolException("invalid DESCRIBE message subtype " + what);
        }
    }

    private void describeRows(List<PgColumn> columns, short[] formats) {
        if (columns == null) {
            out.noData();
        } else {
            out.rowDescription(columns, PgRows.formats(formats, columns.size()));
        }
    }

    void execute(PgBody m) throws SQLException, IOException {
        Portal p = portal(m.cstring());
        int maxRows = m.int32();
        Statement s = p.statement;
        if (p.tag == null && p.rows == null) {
            if (s.prepared == null) {
                String tag = connection.runLocal(s.sql);
                if (tag != null) {
                    out.commandComplete(tag);
                }
                p.tag = "";
                return;
            }
            connection.checkNotFailed(s.sql);
            connection.checkWritable(s.sql);
            connection.runBefore(s.sql);
            boolean wasFailed = connection.failedTransaction();
            p.result = s.prepared.execute(p.parameters, false);
            connection.afterTransactionControl(s.sql, wasFailed);
            if (!p.result.hasRows()) {
                p.tag = wasFailed && "COMMIT".equals(s.sql.verb()) ? "ROLLBACK" : PgConnection.tag(s.sql, p.result.updateCount());
                p.close();
            } else {
                p.rows = p.result.rows();
            }
        }
        if (p.rows != null) {
            sendRows(p, maxRows);
        } else if (p.tag != null && !p.tag.isEmpty()) {
            out.commandComplete(p.tag);
        }
    }

    private void sendRows(Portal p, int maxRows) throws SQLException {
        List<PgColumn> columns = p.statement.columns != null ? p.statement.columns : PgRows.columns(p.rows.getMetaData());
        short[] formats = PgRows.formats(p.resultFormats, columns.size());
        long limit = maxRows <= 0 ? Long.MAX_VALUE : maxRows;
        long n = 0;
        while (n < limit) {
            if (!p.rows.next()) {
                out.commandComplete(PgConnection.tag(p.statement.sql, p.sent));
                p.tag = "";
                p.close();
                return;
            }
            out.dataRow(PgRows.row(p.rows, columns, formats));
            p.sent++;
            n++;
        }
        out.portalSuspended();
    }

    void close(PgBody m) throws SQLException {
        byte what = m.byte1();
        String name = m.cstring();
        if (what == 'S') {
            closeStatement(statements.remove(name));
        } else if (what == 'P') {
            Portal p = portals.remove(name);
            if (p != null) {
                p.close();
            }
        } else {
            throw new PgProtocolException("invalid CLOSE message subtype " + what);
        }
        out.closeComplete();
    }

    void closeUnnamed() {
        closeStatement(statements.remove(""));
        Portal p = portals.remove("");
        if (p != null) {
            p.close();
        }
    }

    void deallocate(String name) {
        if (name == null) {
            statements.values().forEach(PgExtendedQuery::closeStatement);
            statements.clear();
        } else {
            closeStatement(statements.remove(name));
        }
    }

    private static void closeStatement(Statement s) {
        if (s != null && s.prepared != null) {
            try {
                s.prepared.close();
            } catch (SQLException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing a prepared statement failed", e);
            }
        }
    }

    /** Releases statements and portals; the session is closed by the caller. */
    void release() {
        portals.values().forEach(Portal::close);
        portals.clear();
        deallocate(null);
    }

    void closePortals() {
        portals.values().forEach(Portal::close);
        portals.clear();
    }
}

package dev.borealis.cluster.wire.pg;

import dev.borealis.cluster.Prepared;
import dev.borealis.cluster.Result;
import dev.borealis.cluster.Session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code COPY table [(cols)] FROM STDIN} and {@code COPY table|(query) TO STDOUT}, text or CSV.
 * COPY IN sub-protocol states: CopyInResponse sent → CopyData* → CopyDone (rows committed, "COPY n")
 * or CopyFail (57014, nothing kept). The rows go in as one transaction unless one is already open.
 */
final class PgCopy {

    private final Session session;
    private final PgFrames frames;
    private final PgOutput out;

    PgCopy(Session session, PgFrames frames, PgOutput out) {
        this.session = session;
        this.frames = frames;
        this.out = out;
    }

    /** Parsed COPY statement. */
    private record Spec(String table, List<String> columns, String query, boolean in, PgCopyFormat format) {
    }

    String run(PgStatement statement) throws SQLException, IOException {
        Spec spec = parse(PgLexer.tokenize(statement.original()).stream().filter(t -> !t.isSpace()).toList());
        return spec.in() ? copyIn(spec) : copyOut(spec);
    }

    private Spec parse(List<PgLexer.Token> t) throws SQLException {
        int i = 1;
        String table = null;
        String query = null;
        List<String> columns = new ArrayList<>();
        if (t.size() > 1 && t.get(1).is("(")) {
            int close = close(t, 1);
            query = PgTranslator.translate(PgLexer.tokenize(join(t.subList(2, close)))).h2Sql();
            i = close + 1;
        } else {
            StringBuilder name = new StringBuilder();
            while (i < t.size() && (t.get(i).kind() == PgLexer.Kind.WORD || t.get(i).kind() == PgLexer.Kind.QUOTED_IDENT
                    || t.get(i).is(".")) && !t.get(i).isWord("FROM") && !t.get(i).isWord("TO")) {
                name.append(t.get(i++).text());
            }
            table = name.toString();
            if (i < t.size() && t.get(i).is("(")) {
                int close = close(t, i);
                for (PgLexer.Token c : t.subList(i + 1, close)) {
                    if (!c.is(",")) {
                        columns.add(c.text());
                    }
                }
                i = close + 1;
            }
        }
        if (i + 1 >= t.size() || !(t.get(i).isWord("FROM") || t.get(i).isWord("TO"))) {
            throw new SQLException("syntax error in COPY: expected FROM STDIN or TO STDOUT", "42601");
        }
        boolean in = t.get(i).isWord("FROM");
        if (!(t.get(i + 1).isWord(in ? "STDIN" : "STDOUT"))) {
            throw new SQLException("COPY " + (in ? "FROM" : "TO") + " a server file is not supported by the embedded"
                    + " cluster; use " + (in ? "STDIN" : "STDOUT"), "0A000");
        }
        return new Spec(table, columns, query, in, options(t.subList(i + 2, t.size())));
    }

    private static PgCopyFormat options(List<PgLexer.Token> t) throws SQLException {
        PgCopyFormat f = PgCopyFormat.text();
        for (int i = 0; i < t.size(); i++) {
            PgLexer.Token x = t.get(i);
            String w = x.text().toUpperCase(Locale.ROOT);
            String next = i + 1 < t.size() ? literal(t.get(i + 1)) : null;
            switch (w) {
                case "CSV": f = new PgCopyFormat(true, f.delimiter() == '\t' ? ',' : f.delimiter(),
                        "\\N".equals(f.nullString()) ? "" : f.nullString(), f.header(), '"'); break;
                case "FORMAT":
                    if ("csv".equalsIgnoreCase(next)) {
                        f = PgCopyFormat.csvFormat().withHeader(f.header());
                    } else if ("binary".equalsIgnoreCase(next)) {
                        throw new SQLException("COPY binary format is not supported by the embedded cluster", "0A000");
                    }
                    i++;
                    break;
                case "HEADER":
                    f = f.withHeader(next == null || !next.equalsIgnoreCase("false"));
                    break;
                case "DELIMITER":
                    f = f.withDelimiter(next.charAt(0));
                    i++;
                    break;
                case "NULL":
                    f = f.withNull(next);
                    i++;
                    break;
                case "BINARY":
                    throw new SQLException("COPY binary format is not supported by the embedded cluster", "0A000");
                default: break;
            }
        }
        return f;
    }

    private static String literal(PgLexer.Token t) {
        String s = t.text();
        if (t.kind() == PgLexer.Kind.ESTRING) {
            s = PgTranslator.standardString(s.substring(1));
        }
        if (s.length() >= 2 && s.startsWith("'")) {
            return s.substring(1, s.length() - 1).replace("''", "'");
        }
        return s;
    }

    // ------------------------------------------------------------ COPY FROM STDIN

    private String copyIn(Spec spec) throws SQLException, IOException {
        List<String> columns = spec.columns().isEmpty() ? tableColumns(spec.table()) : spec.columns();
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(spec.table()).append(" (")
                .append(String.join(", ", columns)).append(") VALUES (");
        for (int c = 0; c < columns.size(); c++) {
            sql.append(c > 0 ? ", ?" : "?");
        }
        out.copyInResponse(columns.size());
        out.flush();
        boolean own = !session.inTransaction();
        long count = 0;
        SQLException failure = null;
        try (Prepared insert = session.prepare(sql.append(')').toString())) {
            if (own) {
                session.begin(false);
            }
            StringBuilder pending = new StringBuilder();
            boolean headerSkipped = !spec.format().header();
            while (true) {
                PgBody m = frames.read();
                if (m == null) {
                    throw new java.io.EOFException("client closed the connection during COPY FROM STDIN");
                }
                if (m.type() == 'd') {
                    if (failure != null) {
                        continue;
                    }
                    pending.append(new String(m.rest(), StandardCharsets.UTF_8));
                    List<List<String>> rows = new ArrayList<>();
                    int used = spec.format().parse(pending.toString(), 0, rows);
                    pending.delete(0, used);
                    for (List<String> row : rows) {
                        if (!headerSkipped) {
                            headerSkipped = true;
                            continue;
                        }
                        try {
                            insertRow(insert, row, columns.size(), count + 1);
                            count++;
                        } catch (SQLException e) {
                            failure = e;
                            break;
                        }
                    }
                } else if (m.type() == 'c') {
                    break;
                } else if (m.type() == 'f') {
                    String why = m.remaining() > 0 ? m.cstring() : "";
                    failure = new SQLException("COPY from stdin failed: " + why, "57014");
                    break;
                } else if (m.type() != 'H' && m.type() != 'S') {
                    failure = new PgProtocolException("unexpected message type '" + PgFrames.printable(m.type())
                            + "' during COPY from stdin");
                    break;
                }
            }
            if (failure != null) {
                throw failure;
            }
            if (own) {
                session.commit();
            }
            return "COPY " + count;
        } catch (SQLException | IOException | RuntimeException e) {
            if (own && session.inTransaction()) {
                session.rollback();
            }
            throw e;
        }
    }

    private static void insertRow(Prepared insert, List<String> row, int columns, long line) throws SQLException {
        if (row.size() != columns) {
            throw new SQLException((row.size() < columns ? "missing data for column " + (row.size() + 1)
                    : "extra data after last expected column") + " (COPY row " + line + ")", "22P04");
        }
        try (Result ignored = insert.execute(new ArrayList<>(row), false)) {
            // the update count is the row itself
        }
    }

    private List<String> tableColumns(String table) throws SQLException {
        try (Prepared p = session.prepare("SELECT * FROM " + table + " WHERE FALSE")) {
            ResultSetMetaData md = p.resultMetaData();
            List<String> names = new ArrayList<>();
            for (int c = 1; c <= md.getColumnCount(); c++) {
                names.add('"' + md.getColumnName(c) + '"');
            }
            return names;
        }
    }

    // ------------------------------------------------------------ COPY TO STDOUT

    private String copyOut(Spec spec) throws SQLException, IOException {
        String query = spec.query() != null ? spec.query()
                : "SELECT " + (spec.columns().isEmpty() ? "*" : String.join(", ", spec.columns())) + " FROM " + spec.table();
        try (Result result = session.execute(query)) {
            ResultSet rs = result.rows();
            if (rs == null) {
                throw new SQLException("COPY query must return rows", "0A000");
            }
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            PgType[] types = new PgType[n];
            List<String> names = new ArrayList<>();
            for (int c = 0; c < n; c++) {
                types[c] = PgType.ofJdbc(md.getColumnType(c + 1), md.getColumnTypeName(c + 1));
                names.add(md.getColumnLabel(c + 1));
            }
            out.copyOutResponse(false, n);
            if (spec.format().header()) {
                out.copyData(spec.format().format(names).getBytes(StandardCharsets.UTF_8));
            }
            long count = 0;
            while (rs.next()) {
                List<String> values = new ArrayList<>(n);
                for (int c = 0; c < n; c++) {
                    byte[] v = PgValues.encode(rs, c + 1, types[c], false);
                    values.add(v == null ? null : new String(v, StandardCharsets.UTF_8));
                }
                out.copyData(spec.format().format(values).getBytes(StandardCharsets.UTF_8));
                count++;
            }
            out.copyDone();
            return "COPY " + count;
        }
    }

    private static int close(List<PgLexer.Token> t, int open) throws SQLException {
        int depth = 0;
        for (int i = open; i < t.size(); i++) {
            if (t.get(i).is("(")) {
                depth++;
            } else if (t.get(i).is(")") && --depth == 0) {
                return i;
            }
        }
        throw new SQLException("syntax error in COPY: unbalanced parentheses", "42601");
    }

    private static String join(List<PgLexer.Token> t) {
        StringBuilder sb = new StringBuilder();
        for (PgLexer.Token x : t) {
            sb.append(x.text()).append(' ');
        }
        return sb.toString();
    }
}

package dev.borealis.cluster.wire.pg;

import dev.borealis.cluster.Session;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * The statements the frontend answers itself because they change per-connection state H2 does not
 * hold: {@code SET}/{@code RESET} of run-time parameters (and the two that map onto the session:
 * {@code search_path} and transaction access modes), {@code DISCARD}, {@code DEALLOCATE}, and the
 * maintenance commands H2 has no use for ({@code VACUUM}, {@code ANALYZE}, {@code CHECKPOINT}).
 */
final class PgLocalCommands {

    private final PgSettings settings;
    private final Session session;
    private final BiConsumer<String, String> reportChange;
    private final java.util.function.Consumer<String> deallocate;

    PgLocalCommands(PgSettings settings, Session session, BiConsumer<String, String> reportChange,
                    java.util.function.Consumer<String> deallocate) {
        this.settings = settings;
        this.session = session;
        this.reportChange = reportChange;
        this.deallocate = deallocate;
    }

    /** Runs the command; returns its CommandComplete tag. */
    String run(PgStatement statement) throws SQLException {
        List<String> w = statement.words();
        String first = w.get(0).toUpperCase(Locale.ROOT);
        switch (first) {
            case "SET": return set(w.subList(1, w.size()));
            case "RESET": return reset(w);
            case "DISCARD":
                reset(List.of("RESET", "ALL"));
                deallocate.accept(null);
                return "DISCARD " + (w.size() > 1 ? w.get(1).toUpperCase(Locale.ROOT) : "ALL");
            case "DEALLOCATE": {
                String name = w.get(w.size() - 1);
                boolean all = name.equalsIgnoreCase("ALL");
                deallocate.accept(all ? null : unquote(name));
                return all ? "DEALLOCATE ALL" : "DEALLOCATE";
            }
            case "VACUUM": case "ANALYZE": case "CHECKPOINT":
                return first;
            default:
                throw new SQLException(first + " is not supported by the embedded cluster", "0A000");
        }
    }

    private String set(List<String> w) throws SQLException {
        int i = 0;
        if (i < w.size() && (w.get(i).equalsIgnoreCase("SESSION") || w.get(i).equalsIgnoreCase("LOCAL"))) {
            i++;
        }
        if (i >= w.size()) {
            throw new SQLException("syntax error at end of input", "42601");
        }
        String name = w.get(i).toLowerCase(Locale.ROOT);
        if (name.equals("characteristics") || name.equals("transaction")) {
            return transactionModes(w.subList(i, w.size()), name.equals("characteristics"));
        }
        if (name.equals("time") && i + 1 < w.size() && w.get(i + 1).equalsIgnoreCase("ZONE")) {
            assign("TimeZone", value(w.subList(i + 2, w.size())));
            return "SET";
        }
        if (name.equals("names")) {
            assign("client_encoding", value(w.subList(i + 1, w.size())));
            return "SET";
        }
        int v = i + 1;
        while (v < w.size() && (w.get(v).equals(".") || v == i + 1 && w.get(v).startsWith("."))) {
            name = name + w.get(v) + (v + 1 < w.size() ? w.get(v + 1).toLowerCase(Locale.ROOT) : "");
            v += 2;
        }
        if (v >= w.size() || !(w.get(v).equalsIgnoreCase("TO") || w.get(v).equals("="))) {
            throw new SQLException("syntax error in SET " + name + ": expected TO or =", "42601");
        }
        String value = value(w.subList(v + 1, w.size()));
        if (value.equalsIgnoreCase("DEFAULT")) {
            return reset(List.of("RESET", name));
        }
        assign(name, value);
        return "SET";
    }

    private void assign(String name, String value) throws SQLException {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("default_transaction_read_only") || lower.equals("transaction_read_only")) {
            boolean on = isOn(value);
            if (lower.startsWith("default")) {
                session.setReadOnly(on);
            } else if (!session.inTransaction()) {
                session.setReadOnly(on);
            }
        }
        if (lower.equals("search_path")) {
            searchPath(value);
        }
        String reported = settings.set(name, value);
        if (reported != null) {
            reportChange.accept(reported, value);
        }
    }

    private void searchPath(String value) {
        for (String part : value.split(",")) {
            String schema = part.trim().replace("\"", "");
            if (!schema.isEmpty() && !schema.equals("$user") && !schema.equalsIgnoreCase("pg_catalog")) {
                try {
                    session.setSchema(schema.toLowerCase(Locale.ROOT));
                    return;
                } catch (SQLException ignored) {
                    // PostgreSQL skips search_path entries that do not exist
                }
            }
        }
    }

    private String transactionModes(List<String> w, boolean sessionDefault) throws SQLException {
        String joined = String.join(" ", w).toUpperCase(Locale.ROOT);
        if (joined.contains("READ ONLY") || joined.contains("READ WRITE")) {
            boolean ro = joined.contains("READ ONLY");
            if (sessionDefault || !session.inTransaction()) {
                session.setReadOnly(ro);
            } else if (ro != session.inReadOnlyTransaction()) {
                throw new SQLException("transaction access mode cannot be changed after the transaction's first statement"
                        + " in the embedded cluster", "0A000");
            }
            if (sessionDefault) {
                settings.set("default_transaction_read_only", ro ? "on" : "off");
            }
        }
        int level = joined.indexOf("ISOLATION LEVEL ");
        if (level >= 0) {
            String iso = joined.substring(level + 16).replaceAll(",.*", "").replace(" READ ONLY", "")
                    .replace(" READ WRITE", "").trim().toLowerCase(Locale.ROOT);
            settings.set(sessionDefault ? "default_transaction_isolation" : "transaction_isolation", iso);
        }
        return "SET";
    }

    private String reset(List<String> w) throws SQLException {
        if (w.size() < 2) {
            throw new SQLException("syntax error at end of input", "42601");
        }
        String name = w.get(1);
        if (name.equalsIgnoreCase("ALL")) {
            for (String key : List.copyOf(settings.all().keySet())) {
                String reported = settings.reset(key);
                if (reported != null) {
                    reportChange.accept(reported, settings.get(key));
                }
            }
            return "RESET";
        }
        String reported = settings.reset(name);
        if (reported != null) {
            reportChange.accept(reported, settings.get(name));
        }
        return "RESET";
    }

    private static String value(List<String> tokens) {
        StringBuilder sb = new StringBuilder();
        for (String t : tokens) {
            if (t.equals(",")) {
                sb.append(", ");
            } else {
                sb.append(unquote(t));
            }
        }
        return sb.toString();
    }

    private static String unquote(String t) {
        if (t.length() >= 2 && t.startsWith("'") && t.endsWith("'")) {
            return t.substring(1, t.length() - 1).replace("''", "'");
        }
        if (t.length() >= 2 && (t.startsWith("E'") || t.startsWith("e'"))) {
            String s = PgTranslator.standardString(t.substring(1));
            return s.substring(1, s.length() - 1).replace("''", "'");
        }
        return t;
    }

    private static boolean isOn(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        return s.equals("on") || s.equals("true") || s.equals("1") || s.equals("yes");
    }
}

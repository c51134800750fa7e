package dev.borealis.cluster.wire.pg;

import dev.borealis.cluster.Instances;
import dev.borealis.cluster.Role;
import org.h2.tools.SimpleResultSet;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;

/**
 * The PostgreSQL system functions H2 lacks, bound into each instance's database with CREATE ALIAS by
 * {@link PgCatalog}. Public only because H2 calls them reflectively; not an API.
 */
public final class PgFunctions {

    private PgFunctions() {
    }

    public static String version() {
        return PgSettings.VERSION_STRING;
    }

    public static String currentSetting(String name) throws SQLException {
        return currentSetting(name, false);
    }

    public static String currentSetting(String name, boolean missingOk) throws SQLException {
        PgContext ctx = PgContext.current();
        String value = ctx != null ? ctx.setting(name) : PgSettings.defaults().get(name);
        if (value == null && !missingOk) {
            throw new SQLException("unrecognized configuration parameter \"" + name + "\"", "42704");
        }
        return value;
    }

    public static String setConfig(String name, String value, boolean isLocal) {
        PgContext ctx = PgContext.current();
        if (ctx != null) {
            ctx.settings.set(name, value);
        }
        return value;
    }

    public static long txidCurrent(Connection h2) throws SQLException {
        PgContext ctx = PgContext.current();
        return ctx != null ? ctx.txid() : Instances.of(h2).appliedLsn();
    }

    /** The catalogs store expressions as their SQL text, so deparsing is the identity. */
    public static String getExpr(String expression, Integer relation) {
        return expression;
    }

    public static String getExpr(String expression, Integer relation, Boolean pretty) {
        return expression;
    }

    public static String formatType(Integer oid, Integer typmod) {
        if (oid == null) {
            return null;
        }
        PgType t = PgType.byOid(oid);
        if (t == null) {
            return "???";
        }
        if (typmod != null && typmod > 4 && (t == PgType.VARCHAR || t == PgType.BPCHAR)) {
            return t.sqlName() + "(" + (typmod - 4) + ")";
        }
        if (typmod != null && typmod > 4 && t == PgType.NUMERIC) {
            return "numeric(" + ((typmod - 4) >> 16) + "," + ((typmod - 4) & 0xffff) + ")";
        }
        return t.sqlName();
    }

    public static String userById(Integer oid) {
        PgContext ctx = PgContext.current();
        return ctx != null ? ctx.user : "rdsadmin";
    }

    public static String colDescription(Integer table, Integer column) {
        return null;
    }

    /** Upper bound of a one-dimensional, 1-based array (NULL for an empty array or another dimension). */
    public static Integer arrayUpper(Object[] array, Integer dimension) {
        return array == null || array.length == 0 || dimension == null || dimension != 1 ? null : array.length;
    }

    public static Integer arrayLower(Object[] array, Integer dimension) {
        return array == null || array.length == 0 || dimension == null || dimension != 1 ? null : 1;
    }

    /**
     * {@code 'name'::regproc}: the function's name when it exists (an alias of this database or a
     * type I/O function of {@code pg_type}), else 42883 as PostgreSQL raises; clients probe for
     * optional functions ({@code 'rds_tools.show_topology'::regproc}) exactly this way.
     */
    public static String regproc(Connection h2, String name) throws SQLException {
        if (name == null) {
            return null;
        }
        String bare = name.toLowerCase(java.util.Locale.ROOT);
        if (bare.startsWith("pg_catalog.")) {
            bare = bare.substring("pg_catalog.".length());
        }
        if (!bare.contains(".") && !isColumnListCall(h2)) {
            try (java.sql.PreparedStatement ps = h2.prepareStatement("SELECT 1 FROM information_schema.routines"
                    + " WHERE LOWER(routine_name) = ?1 UNION SELECT 1 FROM " + PgCatalog.SCHEMA + ".pg_type"
                    + " WHERE ?1 IN (typinput, typoutput, typreceive, typsend)")) {
                ps.setString(1, bare);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return bare;
                    }
                }
            }
        } else if (isColumnListCall(h2)) {
            return bare;
        }
        throw new SQLException("function \"" + name + "\" does not exist", "42883");
    }

    /** No publications exist in the embedded cluster, so nothing is published. */
    public static boolean relationIsPublishable(Integer relation) {
        return false;
    }

    /** No extended statistics objects exist (pg_statistic_ext is empty), so there are no columns to list. */
    public static String statisticsColumns(Integer oid) {
        return null;
    }

    public static boolean isInRecovery(Connection h2) throws SQLException {
        return Instances.of(h2).role() != Role.WRITER;
    }

    public static String inetServerAddr() {
        PgContext ctx = PgContext.current();
        return ctx == null ? null : ctx.client.localAddress();
    }

    public static Integer inetServerPort() {
        PgContext ctx = PgContext.current();
        return ctx == null ? null : ctx.client.localPort();
    }

    public static String inetClientAddr() {
        PgContext ctx = PgContext.current();
        if (ctx == null) {
            return null;
        }
        String remote = ctx.client.remoteAddress();
        int colon = remote.lastIndexOf(':');
        return colon > 0 ? remote.substring(0, colon) : remote;
    }

    /** current_user / session_user: the role the client logged in as (H2's own session user means nothing here). */
    public static String currentUser() {
        PgContext ctx = PgContext.current();
        return ctx == null ? null : ctx.user;
    }

    public static Integer backendPid() {
        PgContext ctx = PgContext.current();
        return ctx == null ? 0 : ctx.client.connectionId();
    }

    public static String auroraInstanceId(Connection h2) throws SQLException {
        return Instances.of(h2).id();
    }

    public static String auroraVersion() {
        return AuroraPgSurface.AURORA_VERSION;
    }

    public static ResultSet auroraReplicaStatus(Connection h2) throws SQLException {
        SimpleResultSet rs = AuroraPgSurface.replicaStatusColumns();
        if (isColumnListCall(h2)) {
            return rs;
        }
        AuroraPgSurface.replicaStatusRows(Instances.of(h2), rs);
        return rs;
    }

    public static ResultSet settings(Connection h2) throws SQLException {
        SimpleResultSet rs = new SimpleResultSet();
        for (String c : new String[] {"name", "setting", "unit", "category", "short_desc", "extra_desc", "context",
            "vartype", "source", "min_val", "max_val", "boot_val", "reset_val"}) {
            rs.addColumn(c, Types.VARCHAR, 1024, 0);
        }
        rs.addColumn("pending_restart", Types.BOOLEAN, 1, 0);
        if (isColumnListCall(h2)) {
            return rs;
        }
        PgContext ctx = PgContext.current();
        Map<String, String> values = ctx != null ? ctx.settings.all() : PgSettings.defaults();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String value = ctx != null ? ctx.setting(e.getKey()) : e.getValue();
            rs.addRow(e.getKey(), value, null, "Customized Options", e.getKey(), null, "user", "string",
                    "default", null, null, e.getValue(), e.getValue(), false);
        }
        if (ctx != null) {
            rs.addRow("transaction_read_only", ctx.setting("transaction_read_only"), null, "Client Connection Defaults",
                    "transaction_read_only", null, "user", "bool", "override", null, null, "off", "off", false);
        }
        return rs;
    }

    /** H2 calls table functions once with a special connection just to learn their columns. */
    private static boolean isColumnListCall(Connection h2) throws SQLException {
        return "jdbc:columnlist:connection".equals(h2.getMetaData().getURL());
    }
}

package dev.borealis.cluster.wire.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * The parts of {@code pg_catalog} that clients read and H2's built-in {@code pg_catalog} does not
 * have in PostgreSQL's shape (real type names and OIDs in {@code pg_type}, {@code oid} in
 * {@code pg_namespace}, the later columns of {@code pg_class}/{@code pg_attribute}, live
 * {@code pg_settings}): views over H2's catalog in schema {@value #SCHEMA}, to which the translator
 * sends both {@code pg_catalog.pg_x} and bare {@code pg_x}; plus the system functions as aliases.
 */
final class PgCatalog {

    static final String SCHEMA = "borealis_pg";
    static final Set<String> VIEWS = Set.of("pg_type", "pg_namespace", "pg_class", "pg_attribute", "pg_index",
            "pg_proc", "pg_settings", "pg_database", "pg_extension", "pg_collation", "pg_policy", "pg_statistic_ext",
            "pg_publication", "pg_publication_rel", "pg_publication_namespace", "pg_partitioned_table", "pg_inherits", "pg_attrdef");

    private static final String F = PgFunctions.class.getName() + ".";

    private PgCatalog() {
    }

    static void install(Connection h2) throws SQLException {
        try (Statement st = h2.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            functions(st);
            types(h2, st);
            views(st);
        }
    }

    private static void functions(Statement st) throws SQLException {
        alias(st, "borealis_version", "version");
        alias(st, "current_setting", "currentSetting");
        alias(st, "borealis_set_config", "setConfig");
        alias(st, "txid_current", "txidCurrent");
        alias(st, "borealis_format_type", "formatType");
        alias(st, "borealis_pg_get_userbyid", "userById");
        alias(st, "col_description", "colDescription");
        alias(st, "pg_is_in_recovery", "isInRecovery");
        alias(st, "inet_server_addr", "inetServerAddr");
        alias(st, "inet_server_port", "inetServerPort");
        alias(st, "inet_client_addr", "inetClientAddr");
        alias(st, "pg_backend_pid", "backendPid");
        alias(st, "borealis_current_user", "currentUser");
        alias(st, SCHEMA + ".settings_function", "settings");
        alias(st, "pg_relation_is_publishable", "relationIsPublishable");
        alias(st, "array_upper", "arrayUpper");
        alias(st, "borealis_regproc", "regproc");
        alias(st, "borealis_pg_get_expr", "getExpr");
        alias(st, "array_lower", "arrayLower");
        alias(st, "pg_get_statisticsobjdef_columns", "statisticsColumns");
    }

    static void alias(Statement st, String name, String method) throws SQLException {
        st.execute("CREATE ALIAS IF NOT EXISTS " + name + " FOR '" + F + method + "'");
    }

    private static void types(Connection h2, Statement st) throws SQLException {
        st.execute("CREATE TABLE " + SCHEMA + ".pg_type (oid INTEGER PRIMARY KEY, typname VARCHAR(64), typnamespace INTEGER,"
                + " typowner INTEGER, typlen SMALLINT, typbyval BOOLEAN, typtype CHAR(1), typcategory CHAR(1),"
                + " typisdefined BOOLEAN, typdelim CHAR(1), typrelid INTEGER, typelem INTEGER, typarray INTEGER,"
                + " typinput VARCHAR(64), typoutput VARCHAR(64), typreceive VARCHAR(64), typsend VARCHAR(64),"
                + " typbasetype INTEGER, typtypmod INTEGER, typnotnull BOOLEAN, typcollation INTEGER, typdefault VARCHAR(64),"
                + " typndims INTEGER)");
        try (PreparedStatement ps = h2.prepareStatement("INSERT INTO " + SCHEMA + ".pg_type VALUES (?, ?, -1000, 10, ?, ?,"
                + " 'b', ?, TRUE, ',', 0, ?, ?, ?, ?, ?, ?, 0, -1, FALSE, 0, NULL, 0)")) {
            for (PgType t : PgType.values()) {
                addType(ps, t.oid(), t.typname(), t.length(), 0, arrayOid(t), category(t));
                if (arrayOid(t) != 0) {
                    addType(ps, arrayOid(t), "_" + t.typname(), -1, t.oid(), 0, 'A');
                }
            }
        }
    }

    private static void addType(PreparedStatement ps, int oid, String name, int len, int elem, int array, char category)
            throws SQLException {
        String io = elem != 0 ? "array" : name;
        ps.setInt(1, oid);
        ps.setString(2, name);
        ps.setInt(3, len);
        ps.setBoolean(4, len > 0 && len <= 8);
        ps.setString(5, String.valueOf(category));
        ps.setInt(6, elem);
        ps.setInt(7, array);
        ps.setString(8, io + "_in");
        ps.setString(9, io + "_out");
        ps.setString(10, io + "_recv");
        ps.setString(11, io + "_send");
        ps.executeUpdate();
    }

    private static int arrayOid(PgType t) {
        switch (t) {
            case BOOL: return 1000;
            case BYTEA: return 1001;
            case INT2: return 1005;
            case INT4: return 1007;
            case TEXT: return 1009;
            case BPCHAR: return 1014;
            case VARCHAR: return 1015;
            case INT8: return 1016;
            case FLOAT4: return 1021;
            case FLOAT8: return 1022;
            case TIMESTAMP: return 1115;
            case DATE: return 1182;
            case TIMESTAMPTZ: return 1185;
            case NUMERIC: return 1231;
            case UUID: return 2951;
            default: return 0;
        }
    }

    private static char category(PgType t) {
        switch (t) {
            case BOOL: return 'B';
            case INT2: case INT4: case INT8: case FLOAT4: case FLOAT8: case NUMERIC: case OID: return 'N';
            case DATE: case TIME: case TIMESTAMP: case TIMESTAMPTZ: case TIMETZ: return 'D';
            case TEXT: case VARCHAR: case BPCHAR: case NAME: return 'S';
            default: return 'U';
        }
    }

    private static void views(Statement st) throws SQLException {
        String hidden = "(SELECT id FROM pg_catalog.pg_namespace WHERE nspname = '" + SCHEMA + "')";
        view(st, "pg_namespace", "SELECT id AS oid, nspname, 10 AS nspowner, CAST(NULL AS VARCHAR ARRAY) AS nspacl"
                + " FROM pg_catalog.pg_namespace WHERE nspname <> '" + SCHEMA + "'");
        view(st, "pg_class", "SELECT c.oid, c.relname, c.relnamespace, 0 AS reltype, 0 AS reloftype, 10 AS relowner,"
                + " c.relam, 0 AS relfilenode, c.reltablespace, c.relpages, CAST(c.reltuples AS REAL) AS reltuples,"
                + " 0 AS reltoastrelid, c.relhasindex, FALSE AS relisshared, 'p' AS relpersistence, c.relkind,"
                + " (SELECT COUNT(*) FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid) AS relnatts,"
                + " c.relchecks, c.relhasrules, FALSE AS relhastriggers, FALSE AS relhassubclass,"
                + " FALSE AS relrowsecurity, FALSE AS relforcerowsecurity, TRUE AS relispopulated, 'd' AS relreplident,"
                + " FALSE AS relispartition, 0 AS relrewrite, CAST(NULL AS VARCHAR ARRAY) AS relacl,"
                + " CAST(NULL AS VARCHAR ARRAY) AS reloptions, CAST(NULL AS VARCHAR) AS relpartbound"
                + " FROM pg_catalog.pg_class c WHERE c.relnamespace <> " + hidden);
        String columns = " LEFT JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
                + " LEFT JOIN pg_catalog.pg_namespace n ON n.id = c.relnamespace"
                + " LEFT JOIN information_schema.columns col ON col.table_schema = n.nspname"
                + " AND col.table_name = c.relname AND col.column_name = a.attname";
        view(st, "pg_attribute", "SELECT a.attrelid, a.attname, a.atttypid, -1 AS attstattarget, a.attlen, a.attnum,"
                + " 0 AS attndims, -1 AS attcacheoff,"
                + " CASE WHEN col.character_maximum_length < 10485760 THEN col.character_maximum_length + 4"
                + " WHEN a.atttypid = 1700 AND col.numeric_precision IS NOT NULL"
                + " THEN col.numeric_precision * 65536 + col.numeric_scale + 4 ELSE a.atttypmod END AS atttypmod,"
                + " FALSE AS attbyval, 'i' AS attalign, 'p' AS attstorage, a.attnotnull,"
                + " (col.column_default IS NOT NULL) AS atthasdef, FALSE AS atthasmissing,"
                + " CASE WHEN col.is_identity = 'YES' THEN 'd' ELSE '' END AS attidentity, '' AS attgenerated,"
                + " a.attisdropped, TRUE AS attislocal, 0 AS attinhcount, 0 AS attcollation,"
                + " CAST(NULL AS VARCHAR ARRAY) AS attacl, CAST(NULL AS VARCHAR ARRAY) AS attoptions"
                + " FROM pg_catalog.pg_attribute a" + columns);
        view(st, "pg_attrdef", "SELECT a.attrelid * 1000 + a.attnum AS oid, a.attrelid AS adrelid, a.attnum AS adnum,"
                + " col.column_default AS adbin, col.column_default AS adsrc FROM pg_catalog.pg_attribute a" + columns
                + " WHERE col.column_default IS NOT NULL");
        view(st, "pg_index", "SELECT i.indexrelid, i.indrelid, CARDINALITY(i.indkey) AS indnatts,"
                + " CARDINALITY(i.indkey) AS indnkeyatts, i.indisunique, FALSE AS indnullsnotdistinct, i.indisprimary,"
                + " FALSE AS indisexclusion, TRUE AS indimmediate, i.indisclustered, TRUE AS indisvalid,"
                + " FALSE AS indcheckxmin, TRUE AS indisready, TRUE AS indislive, FALSE AS indisreplident, i.indkey,"
                + " i.indexprs, i.indpred FROM pg_catalog.pg_index i");
        view(st, "pg_proc", "SELECT 0 AS oid, routine_name AS proname, -1000 AS pronamespace, 10 AS proowner,"
                + " 'f' AS prokind, FALSE AS proretset, 25 AS prorettype, '' AS proargtypes, 0 AS pronargs"
                + " FROM information_schema.routines");
        view(st, "pg_settings", "SELECT * FROM " + SCHEMA + ".settings_function()");
        view(st, "pg_database", "SELECT oid, datname, datdba, encoding, 'en_US.UTF-8' AS datcollate,"
                + " 'en_US.UTF-8' AS datctype, FALSE AS datistemplate, datallowconn, -1 AS datconnlimit,"
                + " dattablespace, datacl FROM pg_catalog.pg_database");
        view(st, "pg_extension", "SELECT 13000 AS oid, 'plpgsql' AS extname, 10 AS extowner, -1000 AS extnamespace,"
                + " FALSE AS extrelocatable, '1.0' AS extversion");
        view(st, "pg_collation", "SELECT 100 AS oid, 'default' AS collname, -1000 AS collnamespace");
        emptyCatalogs(st);
    }

    /**
     * Catalogs of features the embedded cluster does not have (row security policies, extended
     * statistics, publications, partitioning): truthfully empty, with PostgreSQL's columns so the
     * queries psql's {@code \d} sends compile.
     */
    private static void emptyCatalogs(Statement st) throws SQLException {
        String none = " FROM (VALUES (1)) WHERE FALSE";
        view(st, "pg_policy", "SELECT 0 AS oid, CAST('' AS VARCHAR) AS polname, 0 AS polrelid, CAST('r' AS CHAR(1)) AS polcmd,"
                + " TRUE AS polpermissive, CAST(NULL AS INTEGER ARRAY) AS polroles, CAST(NULL AS VARCHAR) AS polqual,"
                + " CAST(NULL AS VARCHAR) AS polwithcheck" + none);
        view(st, "pg_statistic_ext", "SELECT 0 AS oid, 0 AS stxrelid, CAST('' AS VARCHAR) AS stxname, 0 AS stxnamespace,"
                + " 10 AS stxowner, -1 AS stxstattarget, CAST(NULL AS INTEGER ARRAY) AS stxkeys,"
                + " CAST(NULL AS VARCHAR ARRAY) AS stxkind, CAST(NULL AS VARCHAR) AS stxexprs" + none);
        view(st, "pg_publication", "SELECT 0 AS oid, CAST('' AS VARCHAR) AS pubname, 10 AS pubowner, FALSE AS puballtables,"
                + " TRUE AS pubinsert, TRUE AS pubupdate, TRUE AS pubdelete, TRUE AS pubtruncate, FALSE AS pubviaroot" + none);
        view(st, "pg_publication_rel", "SELECT 0 AS oid, 0 AS prpubid, 0 AS prrelid, CAST(NULL AS VARCHAR) AS prqual,"
                + " CAST(NULL AS INTEGER ARRAY) AS prattrs" + none);
        view(st, "pg_inherits", "SELECT 0 AS inhrelid, 0 AS inhparent, 0 AS inhseqno, FALSE AS inhdetachpending" + none);
        view(st, "pg_publication_namespace", "SELECT 0 AS oid, 0 AS pnpubid, 0 AS pnnspid" + none);
        view(st, "pg_partitioned_table", "SELECT 0 AS partrelid, CAST('h' AS CHAR(1)) AS partstrat, 0 AS partnatts,"
                + " 0 AS partdefid, CAST(NULL AS INTEGER ARRAY) AS partattrs" + none);
    }

    private static void view(Statement st, String name, String select) throws SQLException {
        st.execute("CREATE OR REPLACE VIEW " + SCHEMA + "." + name + " AS " + select);
    }
}

package dev.borealis.cluster.wire.pg;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A connection's run-time parameters (GUCs): what {@code SET}, {@code SHOW}, {@code current_setting}
 * and {@code pg_settings} see. Names are case-insensitive; the ones a real server reports with
 * ParameterStatus are sent again when they change.
 */
final class PgSettings {

    static final String SERVER_VERSION = "16.4";
    static final String SERVER_VERSION_NUM = "160004";
    static final String VERSION_STRING = "PostgreSQL " + SERVER_VERSION
            + " on x86_64-pc-linux-gnu, compiled by gcc (GCC) 9.5.0, 64-bit";

    /** Reported to the client at startup and whenever they change (as PostgreSQL's GUC_REPORT). */
    static final String[] REPORTED = {"application_name", "client_encoding", "DateStyle", "default_transaction_read_only",
        "in_hot_standby", "integer_datetimes", "IntervalStyle", "is_superuser", "server_encoding", "server_version",
        "session_authorization", "standard_conforming_strings", "TimeZone"};

    private final Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    PgSettings(String user, String applicationName, boolean hotStandby) {
        values.putAll(defaults());
        values.put("application_name", applicationName == null ? "" : applicationName);
        values.put("session_authorization", user);
        values.put("in_hot_standby", hotStandby ? "on" : "off");
    }

    static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("application_name", "");
        d.put("client_encoding", "UTF8");
        d.put("server_encoding", "UTF8");
        d.put("DateStyle", "ISO, MDY");
        d.put("IntervalStyle", "postgres");
        d.put("integer_datetimes", "on");
        d.put("is_superuser", "on");
        d.put("server_version", SERVER_VERSION);
        d.put("server_version_num", SERVER_VERSION_NUM);
        d.put("standard_conforming_strings", "on");
        d.put("TimeZone", "UTC");
        d.put("default_transaction_read_only", "off");
        d.put("default_transaction_isolation", "read committed");
        d.put("transaction_isolation", "read committed");
        d.put("extra_float_digits", "1");
        d.put("search_path", "\"$user\", public");
        d.put("max_identifier_length", "63");
        d.put("max_connections", "5000");
        d.put("lc_collate", "en_US.UTF-8");
        d.put("lc_ctype", "en_US.UTF-8");
        d.put("lc_messages", "en_US.UTF-8");
        d.put("lc_monetary", "C");
        d.put("lc_numeric", "C");
        d.put("statement_timeout", "0");
        d.put("lock_timeout", "0");
        d.put("idle_in_transaction_session_timeout", "86400000");
        d.put("bytea_output", "hex");
        d.put("block_size", "8192");
        d.put("wal_level", "replica");
        d.put("port", "5432");
        d.put("rds.extensions", "aurora_stat_utils, btree_gin, btree_gist, citext, hstore, pg_stat_statements, "
                + "pg_trgm, pgcrypto, plpgsql, postgis, uuid-ossp");
        d.put("rds.superuser_reserved_connections", "2");
        d.put("apg_plan_mgmt.capture_plan_baselines", "off");
        return d;
    }

    /** The value, or null when no such parameter exists. */
    String get(String name) {
        return values.get(name);
    }

    /** Sets a parameter; returns the canonical name when it is one the client is told about, else null. */
    String set(String name, String value) {
        String canonical = canonical(name);
        values.put(canonical, value);
        for (String reported : REPORTED) {
            if (reported.equalsIgnoreCase(canonical)) {
                return reported;
            }
        }
        return null;
    }

    String reset(String name) {
        String d = defaults().get(canonical(name));
        return set(name, d == null ? "" : d);
    }

    Map<String, String> all() {
        return values;
    }

    private String canonical(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String known : values.keySet()) {
            if (known.toLowerCase(Locale.ROOT).equals(lower)) {
                return known;
            }
        }
        return lower;
    }
}

package dev.borealis.cluster.wire.mysql;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The server's system variables as one connection sees them: fixed defaults, this session's
 * assignments, and live values (autocommit, read-only state, the instance's identity and role) that
 * {@link Live} supplies. {@code SET GLOBAL} is refused as on Aurora, where it needs SUPER.
 */
final class SystemVariables {

    /** Values that come from the connection, its session and its instance. */
    interface Live {
        boolean autocommit();

        boolean sessionReadOnly();

        boolean instanceReadOnly();

        String instanceId();

        String hostname();

        int port();

        boolean tlsAvailable();

        long lastInsertId();
    }

    private static final Map<String, Object> DEFAULTS = defaults();
    private static final Set<String> READ_ONLY = Set.of("version", "version_comment", "version_compile_os",
            "version_compile_machine", "hostname", "port", "aurora_version", "aurora_server_id", "innodb_read_only",
            "read_only", "super_read_only", "server_id", "server_uuid", "lower_case_table_names", "have_ssl",
            "datadir", "basedir", "protocol_version", "system_time_zone", "character_set_system", "license",
            "innodb_version", "max_connections", "warning_count", "error_count", "identity", "last_insert_id",
            "have_query_cache", "log_bin", "tls_version");

    private final Live live;
    private final Map<String, Object> globals;
    private final Map<String, Object> session = new LinkedHashMap<>();

    SystemVariables(Live live) {
        this(live, Map.of());
    }

    /** {@code globals}: this server's values of variables that differ from the defaults (its limits). */
    SystemVariables(Live live, Map<String, Object> globals) {
        this.live = live;
        this.globals = Map.copyOf(globals);
    }

    private static Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("auto_increment_increment", 1L);
        d.put("auto_increment_offset", 1L);
        d.put("basedir", "/rdsdbbin/mysql/");
        d.put("binlog_format", "ROW");
        d.put("character_set_client", "utf8mb4");
        d.put("character_set_connection", "utf8mb4");
        d.put("character_set_database", "utf8mb4");
        d.put("character_set_filesystem", "binary");
        d.put("character_set_results", "utf8mb4");
        d.put("character_set_server", "utf8mb4");
        d.put("character_set_system", "utf8mb3");
        d.put("connect_timeout", 10L);
        d.put("collation_connection", "utf8mb4_0900_ai_ci");
        d.put("collation_database", "utf8mb4_0900_ai_ci");
        d.put("collation_server", "utf8mb4_0900_ai_ci");
        d.put("datadir", "/rdsdbdata/db/");
        d.put("default_authentication_plugin", Protocol.CACHING_SHA2);
        d.put("default_storage_engine", "InnoDB");
        d.put("div_precision_increment", 4L);
        d.put("explicit_defaults_for_timestamp", 1L);
        d.put("foreign_key_checks", 1L);
        d.put("group_concat_max_len", 1024L);
        d.put("have_query_cache", "NO");
        d.put("init_connect", "");
        d.put("innodb_lock_wait_timeout", 50L);
        d.put("innodb_version", Protocol.SERVER_VERSION);
        d.put("interactive_timeout", 28800L);
        d.put("lc_time_names", "en_US");
        d.put("license", "GPL");
        d.put("lock_wait_timeout", 31536000L);
        d.put("log_bin", 0L);
        d.put("lower_case_table_names", 1L);
        d.put("max_allowed_packet", Protocol.MAX_ALLOWED_PACKET);
        d.put("max_connections", 1000L);
        d.put("max_execution_time", 0L);
        d.put("net_buffer_length", 16384L);
        d.put("net_read_timeout", 30L);
        d.put("net_write_timeout", 60L);
        d.put("performance_schema", 0L);
        d.put("protocol_version", 10L);
        d.put("query_cache_size", 0L);
        d.put("query_cache_type", "OFF");
        d.put("server_id", 1L);
        d.put("session_track_schema", "ON");
        d.put("sql_auto_is_null", 0L);
        d.put("sql_mode", "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
                + "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION");
        d.put("sql_notes", 1L);
        d.put("sql_safe_updates", 0L);
        d.put("sql_select_limit", Long.MAX_VALUE);
        d.put("sql_warnings", 0L);
        d.put("system_time_zone", "UTC");
        d.put("time_zone", "SYSTEM");
        d.put("tls_version", "TLSv1.2,TLSv1.3");
        d.put("transaction_isolation", "REPEATABLE-READ");
        d.put("unique_checks", 1L);
        d.put("version", Protocol.SERVER_VERSION);
        d.put("version_comment", "Borealis embedded Aurora MySQL");
        d.put("version_compile_machine", "x86_64");
        d.put("version_compile_os", "Linux");
        d.put("wait_timeout", 28800L);
        d.put("warning_count", 0L);
        d.put("error_count", 0L);
        return d;
    }

    /** The value of {@code name} (lower case), or error 1193 when no such variable exists. */
    Object get(String name) throws MySqlErrorException {
        switch (name) {
            case "autocommit": return live.autocommit() ? 1L : 0L;
            case "transaction_read_only": case "tx_read_only": return live.sessionReadOnly() ? 1L : 0L;
            case "tx_isolation": return get("transaction_isolation");
            case "innodb_read_only": case "read_only": return live.instanceReadOnly() ? 1L : 0L;
            case "super_read_only": return 0L;
            case "aurora_server_id": return live.instanceId();
            case "aurora_version": return Protocol.AURORA_VERSION;
            case "hostname": return live.hostname();
            case "port": return (long) live.port();
            case "have_ssl": case "have_openssl": return live.tlsAvailable() ? "YES" : "DISABLED";
            case "identity": case "last_insert_id": return live.lastInsertId();
            case "server_uuid": return java.util.UUID.nameUUIDFromBytes(live.instanceId().getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)).toString();
            default: break;
        }
        if (session.containsKey(name)) {
            return session.get(name);
        }
        if (globals.containsKey(name)) {
            return globals.get(name);
        }
        if (DEFAULTS.containsKey(name)) {
            return DEFAULTS.get(name);
        }
        throw new MySqlError(1193, "HY000", "Unknown system variable '" + name + "'").exception();
    }

    /** Assigns a session variable that has no live meaning (autocommit and friends are handled by the caller). */
    void set(String name, Object value) throws MySqlErrorException {
        get(name); // 1193 when unknown
        if (READ_ONLY.contains(name)) {
            throw new MySqlError(1238, "HY000", "Variable '" + name + "' is a read only variable").exception();
        }
        String key = name.equals("tx_isolation") ? "transaction_isolation" : name;
        if (value == null) {
            session.remove(key);
        } else {
            session.put(key, value);
        }
    }

    /** The value this session assigned to {@code name}, or null when it kept the global one. */
    Object sessionValue(String name) {
        return session.get(name);
    }

    void reset() {
        session.clear();
    }

    /** Every variable and its current value, sorted by name, as SHOW VARIABLES lists them. */
    Map<String, Object> all() {
        Map<String, Object> all = new TreeMap<>();
        for (String name : DEFAULTS.keySet()) {
            all.put(name, safeGet(name));
        }
        for (String name : new String[] {"autocommit", "transaction_read_only", "tx_read_only", "tx_isolation",
            "innodb_read_only", "read_only", "super_read_only", "aurora_server_id", "aurora_version", "hostname",
            "port", "have_ssl", "have_openssl", "server_uuid"}) {
            all.put(name, safeGet(name));
        }
        return all;
    }

    private Object safeGet(String name) {
        try {
            return get(name);
        } catch (MySqlErrorException e) {
            return null;
        }
    }
}

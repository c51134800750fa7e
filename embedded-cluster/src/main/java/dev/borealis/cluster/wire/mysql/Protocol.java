package dev.borealis.cluster.wire.mysql;

/** Numbers of the MySQL client/server protocol: capabilities, status flags, commands. */
final class Protocol {

    private Protocol() {
    }

    static final String SERVER_VERSION = "8.0.39";
    static final String AURORA_VERSION = "3.08.0";
    static final int UTF8MB4_GENERAL_CI = 45;
    static final int UTF8MB4_0900_AI_CI = 255;
    static final int BINARY_CHARSET = 63;
    static final long MAX_ALLOWED_PACKET = 64L * 1024 * 1024;

    // capabilities
    static final int CLIENT_LONG_PASSWORD = 1;
    static final int CLIENT_FOUND_ROWS = 2;
    static final int CLIENT_LONG_FLAG = 4;
    static final int CLIENT_CONNECT_WITH_DB = 8;
    static final int CLIENT_NO_SCHEMA = 16;
    static final int CLIENT_LOCAL_FILES = 0x80;
    static final int CLIENT_IGNORE_SPACE = 0x100;
    static final int CLIENT_PROTOCOL_41 = 0x200;
    static final int CLIENT_INTERACTIVE = 0x400;
    static final int CLIENT_SSL = 0x800;
    static final int CLIENT_TRANSACTIONS = 0x2000;
    static final int CLIENT_SECURE_CONNECTION = 0x8000;
    static final int CLIENT_MULTI_STATEMENTS = 0x10000;
    static final int CLIENT_MULTI_RESULTS = 0x20000;
    static final int CLIENT_PS_MULTI_RESULTS = 0x40000;
    static final int CLIENT_PLUGIN_AUTH = 0x80000;
    static final int CLIENT_CONNECT_ATTRS = 0x100000;
    static final int CLIENT_PLUGIN_AUTH_LENENC_DATA = 0x200000;

    static final int SERVER_CAPABILITIES = CLIENT_LONG_PASSWORD | CLIENT_FOUND_ROWS | CLIENT_LONG_FLAG
            | CLIENT_CONNECT_WITH_DB | CLIENT_NO_SCHEMA | CLIENT_IGNORE_SPACE | CLIENT_PROTOCOL_41 | CLIENT_INTERACTIVE
            | CLIENT_TRANSACTIONS | CLIENT_SECURE_CONNECTION | CLIENT_MULTI_STATEMENTS | CLIENT_MULTI_RESULTS
            | CLIENT_PS_MULTI_RESULTS | CLIENT_PLUGIN_AUTH | CLIENT_CONNECT_ATTRS | CLIENT_PLUGIN_AUTH_LENENC_DATA;

    // status flags
    static final int SERVER_STATUS_IN_TRANS = 1;
    static final int SERVER_STATUS_AUTOCOMMIT = 2;
    static final int SERVER_MORE_RESULTS_EXISTS = 8;
    static final int SERVER_STATUS_IN_TRANS_READONLY = 0x2000;

    // commands
    static final int COM_QUIT = 0x01;
    static final int COM_INIT_DB = 0x02;
    static final int COM_QUERY = 0x03;
    static final int COM_FIELD_LIST = 0x04;
    static final int COM_STATISTICS = 0x09;
    static final int COM_PROCESS_KILL = 0x0C;
    static final int COM_PING = 0x0E;
    static final int COM_STMT_PREPARE = 0x16;
    static final int COM_STMT_EXECUTE = 0x17;
    static final int COM_STMT_SEND_LONG_DATA = 0x18;
    static final int COM_STMT_CLOSE = 0x19;
    static final int COM_STMT_RESET = 0x1A;
    static final int COM_SET_OPTION = 0x1B;
    static final int COM_RESET_CONNECTION = 0x1F;

    static final String CACHING_SHA2 = "caching_sha2_password";
    static final String NATIVE = "mysql_native_password";
    /** What an RDS IAM user logs in with: the token in clear text, accepted over TLS only. */
    static final String CLEAR_PASSWORD = "mysql_clear_password";
}

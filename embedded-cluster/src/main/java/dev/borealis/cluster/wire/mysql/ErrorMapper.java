package dev.borealis.cluster.wire.mysql;

import dev.borealis.cluster.ClusterSqlException;
import org.h2.api.ErrorCode;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an exception from the session into the error mysqld would send. Cluster errors and errors of
 * the frontend's own handlers are already in MySQL terms; H2's are mapped by H2 error code.
 */
final class ErrorMapper {

    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    private ErrorMapper() {
    }

    static MySqlError map(SQLException e) {
        if (e instanceof ClusterSqlException || e instanceof MySqlErrorException) {
            return new MySqlError(e.getErrorCode(), e.getSQLState(), e.getMessage());
        }
        String message = h2Message(e);
        String name = firstQuoted(message);
        switch (e.getErrorCode()) {
            case ErrorCode.DUPLICATE_KEY_1:
                return duplicate(message, name);
            case ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1:
            case ErrorCode.TABLE_OR_VIEW_NOT_FOUND_WITH_CANDIDATES_2:
            case ErrorCode.TABLE_OR_VIEW_NOT_FOUND_DATABASE_EMPTY_1:
                return new MySqlError(1146, "42S02", "Table '" + name + "' doesn't exist");
            case ErrorCode.TABLE_OR_VIEW_ALREADY_EXISTS_1:
                return new MySqlError(1050, "42S01", "Table '" + name + "' already exists");
            case ErrorCode.COLUMN_NOT_FOUND_1:
                return new MySqlError(1054, "42S22", "Unknown column '" + name + "' in 'field list'");
            case ErrorCode.DUPLICATE_COLUMN_NAME_1:
                return new MySqlError(1060, "42S21", "Duplicate column name '" + name + "'");
            case ErrorCode.AMBIGUOUS_COLUMN_NAME_1:
                return new MySqlError(1052, "23000", "Column '" + name + "' in field list is ambiguous");
            case ErrorCode.SYNTAX_ERROR_1:
            case ErrorCode.SYNTAX_ERROR_2:
                return new MySqlError(1064, "42000", "You have an error in your SQL syntax; check the manual that"
                        + " corresponds to your MySQL server version for the right syntax (" + message + ")");
            case ErrorCode.NULL_NOT_ALLOWED:
                return new MySqlError(1048, "23000", "Column '" + name + "' cannot be null");
            case ErrorCode.REFERENTIAL_INTEGRITY_VIOLATED_PARENT_MISSING_1:
                return new MySqlError(1452, "23000", "Cannot add or update a child row: a foreign key constraint fails ("
                        + message + ")");
            case ErrorCode.REFERENTIAL_INTEGRITY_VIOLATED_CHILD_EXISTS_1:
                return new MySqlError(1451, "23000", "Cannot delete or update a parent row: a foreign key constraint"
                        + " fails (" + message + ")");
            case ErrorCode.CHECK_CONSTRAINT_VIOLATED_1:
                return new MySqlError(3819, "HY000", "Check constraint '" + name + "' is violated.");
            case ErrorCode.VALUE_TOO_LONG_2:
                return new MySqlError(1406, "22001", "Data too long for column '" + name + "' (" + message + ")");
            case ErrorCode.DATA_CONVERSION_ERROR_1:
            case ErrorCode.INVALID_DATETIME_CONSTANT_2:
                return new MySqlError(1366, "HY000", "Incorrect value: " + message);
            case ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE_1:
                return new MySqlError(1264, "22003", "Out of range value: " + message);
            case ErrorCode.DIVISION_BY_ZERO_1:
                return new MySqlError(1365, "22012", "Division by 0");
            case ErrorCode.SCHEMA_NOT_FOUND_1:
                return new MySqlError(1049, "42000", "Unknown database '" + name + "'");
            case ErrorCode.SCHEMA_ALREADY_EXISTS_1:
                return new MySqlError(1007, "HY000", "Can't create database '" + name + "'; database exists");
            case ErrorCode.FUNCTION_NOT_FOUND_1:
                return new MySqlError(1305, "42000", "FUNCTION " + name + " does not exist");
            case ErrorCode.INDEX_NOT_FOUND_1:
                return new MySqlError(1091, "42000", "Can't DROP '" + name + "'; check that column/key exists");
            case ErrorCode.INDEX_ALREADY_EXISTS_1:
                return new MySqlError(1061, "42000", "Duplicate key name '" + name + "'");
            case ErrorCode.DEADLOCK_1:
                return new MySqlError(1213, "40001", "Deadlock found when trying to get lock; try restarting transaction");
            case ErrorCode.LOCK_TIMEOUT_1:
                return new MySqlError(1205, "HY000", "Lock wait timeout exceeded; try restarting transaction");
            case ErrorCode.STATEMENT_WAS_CANCELED:
                return new MySqlError(1317, "70100", "Query execution was interrupted");
            case ErrorCode.FEATURE_NOT_SUPPORTED_1:
            case ErrorCode.UNKNOWN_DATA_TYPE_1:
                return MySqlError.notSupported(message);
            case ErrorCode.MUST_GROUP_BY_COLUMN_1:
                return new MySqlError(1055, "42000", "Expression of SELECT list is not in GROUP BY clause and contains"
                        + " nonaggregated column '" + name + "'; this is incompatible with sql_mode=only_full_group_by");
            case ErrorCode.COLUMN_COUNT_DOES_NOT_MATCH:
                return new MySqlError(1136, "21S01", "Column count doesn't match value count at row 1");
            case ErrorCode.PARAMETER_NOT_SET_1:
                return new MySqlError(1210, "HY000", "Incorrect arguments to mysqld_stmt_execute (" + message + ")");
            default:
                return new MySqlError(1105, "HY000", message);
        }
    }

    private static final Pattern DUPLICATE_VALUE = Pattern.compile("VALUES \\( /\\* \\d+ \\*/ (.*) \\)\\s*$");

    /** MySQL's "Duplicate entry 'v' for key 'table.key'" from H2's "PUBLIC.KEY_INDEX_2 ON PUBLIC.T(C) VALUES (...)". */
    private static MySqlError duplicate(String message, String detail) {
        Matcher value = DUPLICATE_VALUE.matcher(detail);
        String entry = value.find() ? value.group(1).replaceAll("^'(.*)'$", "$1") : "?";
        String index = detail.split(" ")[0];
        String table = detail.contains(" ON ") ? detail.substring(detail.indexOf(" ON ") + 4).replaceAll("\\(.*", "") : "";
        String key = index.substring(index.lastIndexOf('.') + 1);
        key = key.startsWith("PRIMARY_KEY") ? "PRIMARY" : MySqlCatalog.indexName(key);
        String tableName = table.substring(table.lastIndexOf('.') + 1);
        return new MySqlError(1062, "23000", "Duplicate entry '" + entry + "' for key '"
                + (tableName.isEmpty() ? "" : tableName + ".") + key + "'");
    }

    /** H2's message without the echoed statement. */
    static String h2Message(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int cut = m.indexOf("; SQL statement:");
        if (cut >= 0) {
            m = m.substring(0, cut);
        }
        int bracket = m.lastIndexOf(" [" + e.getErrorCode());
        return (bracket > 0 ? m.substring(0, bracket) : m).strip();
    }

    private static String firstQuoted(String message) {
        Matcher m = QUOTED.matcher(message);
        return m.find() ? m.group(1) : message;
    }
}

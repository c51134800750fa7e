package dev.borealis.cluster.wire.pg;

import dev.borealis.cluster.ClusterSqlException;
import org.h2.api.ErrorCode;

import java.sql.SQLException;

/** Turns H2's errors into PostgreSQL's SQLSTATEs and message style; the cluster's own errors pass unchanged. */
final class PgErrors {

    private PgErrors() {
    }

    static PgError of(SQLException e) {
        SQLException fromFunction = functionError(e);
        if (fromFunction != null) {
            return PgError.error(state(fromFunction), fromFunction.getMessage());
        }
        if (e instanceof ClusterSqlException || e instanceof PgProtocolException || isPgState(e)) {
            return PgError.error(state(e), e.getMessage());
        }
        return PgError.error(map(e), clean(e.getMessage()));
    }

    /** An error one of the surface's functions raised, which H2 wraps in its own. */
    private static SQLException functionError(SQLException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException && isPgState((SQLException) t)) {
                return (SQLException) t;
            }
        }
        return null;
    }

    /** Errors created by this frontend already carry PostgreSQL states (no H2 vendor code). */
    private static boolean isPgState(SQLException e) {
        return e.getErrorCode() == 0 && e.getSQLState() != null && e.getSQLState().length() == 5
                && !(e.getClass().getName().startsWith("org.h2"));
    }

    private static String state(SQLException e) {
        return e.getSQLState() == null ? "XX000" : e.getSQLState();
    }

    private static String map(SQLException e) {
        switch (e.getErrorCode()) {
            case ErrorCode.DUPLICATE_KEY_1: return "23505";
            case ErrorCode.NULL_NOT_ALLOWED: return "23502";
            case ErrorCode.REFERENTIAL_INTEGRITY_VIOLATED_CHILD_EXISTS_1:
            case ErrorCode.REFERENTIAL_INTEGRITY_VIOLATED_PARENT_MISSING_1: return "23503";
            case ErrorCode.CHECK_CONSTRAINT_VIOLATED_1: return "23514";
            case ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1:
            case ErrorCode.TABLE_OR_VIEW_NOT_FOUND_WITH_CANDIDATES_2:
            case ErrorCode.TABLE_OR_VIEW_NOT_FOUND_DATABASE_EMPTY_1:
            case ErrorCode.SEQUENCE_NOT_FOUND_1: return "42P01";
            case ErrorCode.TABLE_OR_VIEW_ALREADY_EXISTS_1: return "42P07";
            case ErrorCode.COLUMN_NOT_FOUND_1: return "42703";
            case ErrorCode.DUPLICATE_COLUMN_NAME_1: return "42701";
            case ErrorCode.AMBIGUOUS_COLUMN_NAME_1: return "42702";
            case ErrorCode.SYNTAX_ERROR_1:
            case ErrorCode.SYNTAX_ERROR_2: return "42601";
            case ErrorCode.FUNCTION_NOT_FOUND_1: return "42883";
            case ErrorCode.SCHEMA_NOT_FOUND_1: return "3F000";
            case ErrorCode.SCHEMA_ALREADY_EXISTS_1: return "42P06";
            case ErrorCode.UNKNOWN_DATA_TYPE_1: return "42704";
            case ErrorCode.DIVISION_BY_ZERO_1: return "22012";
            case ErrorCode.DATA_CONVERSION_ERROR_1: return "22P02";
            case ErrorCode.VALUE_TOO_LONG_2: return "22001";
            case ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE_1: return "22003";
            case ErrorCode.INVALID_DATETIME_CONSTANT_2: return "22007";
            case ErrorCode.FEATURE_NOT_SUPPORTED_1: return "0A000";
            case ErrorCode.DEADLOCK_1: return "40P01";
            case ErrorCode.STATEMENT_WAS_CANCELED: return "57014";
            case ErrorCode.LOCK_TIMEOUT_1: return "55P03";
            case ErrorCode.PARAMETER_NOT_SET_1: return "08P01";
            case ErrorCode.INVALID_VALUE_2: return "22023";
            default: break;
        }
        String s = e.getSQLState();
        if (s != null && s.length() == 5 && (s.startsWith("22") || s.startsWith("23") || s.startsWith("40"))) {
            return s;
        }
        return "XX000";
    }

    /** H2 appends the statement and its own code; PostgreSQL's messages are one line. */
    static String clean(String message) {
        if (message == null) {
            return "internal error";
        }
        String m = message;
        int sql = m.indexOf("; SQL statement:");
        if (sql >= 0) {
            m = m.substring(0, sql);
        }
        int nl = m.indexOf('\n');
        if (nl >= 0) {
            m = m.substring(0, nl);
        }
        return m.replaceAll(" \\[\\d+-\\d+]$", "").trim();
    }
}

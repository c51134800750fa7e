package dev.borealis.cluster.wire.pg;

/** The fields of an ErrorResponse / NoticeResponse (S/V, C, M, D, H). */
record PgError(String severity, String sqlState, String message, String detail, String hint) {

    static PgError error(String sqlState, String message) {
        return new PgError("ERROR", sqlState, message, null, null);
    }

    static PgError fatal(String sqlState, String message) {
        return new PgError("FATAL", sqlState, message, null, null);
    }

    static PgError notice(String sqlState, String message) {
        return new PgError("NOTICE", sqlState, message, null, null);
    }

    PgError withHint(String h) {
        return new PgError(severity, sqlState, message, detail, h);
    }

    PgError withDetail(String d) {
        return new PgError(severity, sqlState, message, d, hint);
    }

    boolean notice() {
        return "NOTICE".equals(severity) || "WARNING".equals(severity);
    }
}

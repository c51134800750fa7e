package dev.borealis.cluster.wire.pg;

/** How the server asks for a password (pg_hba.conf's method column). */
public enum PgAuthMethod {
    /** SCRAM-SHA-256, the default since PostgreSQL 14. */
    SCRAM_SHA_256,
    MD5,
    /** Cleartext password (only sensible over TLS). */
    PASSWORD,
    /** No password asked; the user must still exist. */
    TRUST
}

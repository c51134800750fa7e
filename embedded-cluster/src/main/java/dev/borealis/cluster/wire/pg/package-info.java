/**
 * The PostgreSQL frontend/backend protocol v3, server side, and Aurora PostgreSQL's SQL surface, for
 * the embedded cluster. Layers: {@link dev.borealis.cluster.wire.pg.PgFrames} (framing) →
 * {@link dev.borealis.cluster.wire.pg.PgBody}/{@link dev.borealis.cluster.wire.pg.PgOutput} (codec) →
 * {@link dev.borealis.cluster.wire.pg.PgStartup} and {@link dev.borealis.cluster.wire.pg.PgConnection}
 * (state machines) → {@link dev.borealis.cluster.Session}. SQL goes through
 * {@link dev.borealis.cluster.wire.pg.PgTranslator} (PostgreSQL → H2, on tokens).
 *
 * <p>Known limits, each answered with an error rather than a wrong result: statements of a
 * multi-statement simple query outside BEGIN commit one by one (PostgreSQL runs them as one implicit
 * transaction); DDL commits implicitly; {@code ON CONFLICT} needs a column list and a conflict
 * target; COPY BINARY, LISTEN/NOTIFY, cursors (DECLARE/FETCH), PREPARE/EXECUTE statements, DO blocks
 * and the fast-path function interface are 0A000.
 */
package dev.borealis.cluster.wire.pg;

/**
 * The MySQL wire protocol frontend of the embedded cluster and the Aurora MySQL SQL surface.
 *
 * <p>Layers, bottom up: {@code PacketChannel} (framing: 3-byte length, sequence id, 16 MB splits) →
 * {@code PayloadReader}/{@code PayloadWriter}/{@code Messages}/{@code ColumnDef} (message codec) →
 * {@code Handshake} and {@code MySqlConnection} (per-connection state machines) →
 * {@code StatementRouter}, {@code SetCommand}, {@code ShowCommands}, {@code BinaryStatements}
 * (commands) → {@code SqlTranslator} (MySQL dialect to H2) → the cluster's {@link dev.borealis.cluster.Session}.
 * {@link dev.borealis.cluster.wire.mysql.AuroraMySqlSurface} installs {@code replica_host_status}, the
 * MySQL-shaped {@code information_schema} views and the functions H2 lacks into every instance database.
 */
package dev.borealis.cluster.wire.mysql;

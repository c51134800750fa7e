package dev.borealis.cluster.wire.pg;

import dev.borealis.cluster.Engine;
import dev.borealis.cluster.Instance;
import dev.borealis.cluster.InstanceState;
import dev.borealis.cluster.InstanceStatus;
import dev.borealis.cluster.InstanceSurface;
import dev.borealis.cluster.Role;
import dev.borealis.cluster.Topology;
import org.h2.tools.SimpleResultSet;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;

/**
 * Aurora PostgreSQL's system surface on every instance of a PostgreSQL cluster: the catalog of
 * {@link PgCatalog}, and {@code aurora_replica_status()}, {@code aurora_db_instance_identifier()},
 * {@code aurora_version()}, backed by the instance's live view of the topology.
 */
public final class AuroraPgSurface implements InstanceSurface {

    static final String AURORA_VERSION = "16.4.2";

    @Override
    public Engine engine() {
        return Engine.POSTGRESQL;
    }

    @Override
    public void install(Connection h2, Instance instance) throws SQLException {
        PgCatalog.install(h2);
        try (Statement st = h2.createStatement()) {
            PgCatalog.alias(st, "aurora_replica_status", "auroraReplicaStatus");
            PgCatalog.alias(st, "aurora_db_instance_identifier", "auroraInstanceId");
            PgCatalog.alias(st, "aurora_version", "auroraVersion");
        }
    }

    static SimpleResultSet replicaStatusColumns() {
        SimpleResultSet rs = new SimpleResultSet();
        rs.addColumn("server_id", Types.VARCHAR, 100, 0);
        rs.addColumn("session_id", Types.VARCHAR, 100, 0);
        rs.addColumn("aws_region", Types.VARCHAR, 100, 0);
        rs.addColumn("durable_lsn", Types.BIGINT, 19, 0);
        rs.addColumn("highest_lsn_rcvd", Types.BIGINT, 19, 0);
        rs.addColumn("current_read_lsn", Types.BIGINT, 19, 0);
        rs.addColumn("cur_replay_latency_in_usec", Types.BIGINT, 19, 0);
        rs.addColumn("active_txns", Types.INTEGER, 10, 0);
        rs.addColumn("is_current", Types.BOOLEAN, 1, 0);
        rs.addColumn("last_transport_error", Types.INTEGER, 10, 0);
        rs.addColumn("last_error_timestamp", Types.TIMESTAMP_WITH_TIMEZONE, 35, 6);
        rs.addColumn("last_update_timestamp", Types.TIMESTAMP_WITH_TIMEZONE, 35, 6);
        rs.addColumn("feedback_xmin", Types.BIGINT, 19, 0);
        rs.addColumn("feedback_epoch", Types.INTEGER, 10, 0);
        rs.addColumn("replica_lag_in_msec", Types.REAL, 24, 0);
        rs.addColumn("log_stream_speed_in_kib_per_second", Types.REAL, 24, 0);
        rs.addColumn("log_buffer_sequence_number", Types.BIGINT, 19, 0);
        rs.addColumn("oldest_read_view_trx_id", Types.BIGINT, 19, 0);
        rs.addColumn("oldest_read_view_lsn", Types.BIGINT, 19, 0);
        rs.addColumn("pending_read_ios", Types.INTEGER, 10, 0);
        rs.addColumn("read_ios", Types.BIGINT, 19, 0);
        rs.addColumn("iops", Types.INTEGER, 10, 0);
        rs.addColumn("cpu", Types.REAL, 24, 0);
        return rs;
    }

    /** One row per live instance, as the given instance sees the cluster. */
    static void replicaStatusRows(Instance self, SimpleResultSet rs) {
        Topology topology = self.topology();
        for (InstanceStatus s : topology.instances()) {
            if (s.state() != InstanceState.AVAILABLE) {
                continue;
            }
            boolean writer = s.role() == Role.WRITER;
            long lagMicros = writer ? 0 : Math.round(s.lagMillis() * 1000);
            OffsetTime ts = new OffsetTime(s.lastUpdate() == null ? Instant.now() : s.lastUpdate());
            rs.addRow(s.id(), writer ? "MASTER_SESSION_ID" : "replica-" + s.id(), "us-east-1",
                    writer ? topology.durableLsn() : null, writer ? null : topology.durableLsn(), s.appliedLsn(),
                    writer ? null : lagMicros, writer ? 1 : 0, s.id().equals(self.id()), 0, null, ts.value(),
                    null, null, writer ? null : (float) s.lagMillis(), writer ? null : 0f, s.appliedLsn(),
                    null, null, 0, 0L, (int) Math.round(s.cpu() * 10), (float) s.cpu());
        }
    }

    /** {@code timestamptz} values for H2's SimpleResultSet. */
    private record OffsetTime(Instant instant) {
        java.time.OffsetDateTime value() {
            return instant.atOffset(java.time.ZoneOffset.UTC);
        }
    }
}

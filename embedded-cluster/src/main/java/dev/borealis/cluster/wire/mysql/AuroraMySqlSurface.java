package dev.borealis.cluster.wire.mysql;

import dev.borealis.cluster.Engine;
import dev.borealis.cluster.Instance;
import dev.borealis.cluster.InstanceState;
import dev.borealis.cluster.InstanceStatus;
import dev.borealis.cluster.InstanceSurface;
import dev.borealis.cluster.Instances;
import dev.borealis.cluster.Role;
import dev.borealis.cluster.Topology;
import org.h2.tools.SimpleResultSet;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.ZoneId;
import java.util.UUID;

/**
 * Aurora MySQL's system surface in each instance database: {@code replica_host_status} (a view over a
 * table function reading the live topology) and the MySQL functions H2 lacks, all in schema
 * {@code borealis_sys}, which the translator maps {@code information_schema.replica_host_status} to.
 */
public final class AuroraMySqlSurface implements InstanceSurface {

    private static final String[] FUNCTIONS = {
        "timediff", "timediff", "time_to_sec", "timeToSec", "date_format", "dateFormat", "md5", "md5",
        "sha1", "sha1", "version", "version", "aurora_version", "auroraVersion"
    };

    @Override
    public Engine engine() {
        return Engine.MYSQL;
    }

    @Override
    public void install(Connection h2, Instance instance) throws SQLException {
        try (Statement st = h2.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + Functions.SCHEMA);
            for (int i = 0; i < FUNCTIONS.length; i += 2) {
                st.execute("CREATE ALIAS IF NOT EXISTS " + Functions.SCHEMA + "." + FUNCTIONS[i] + " DETERMINISTIC FOR \""
                        + Functions.class.getName() + "." + FUNCTIONS[i + 1] + "\"");
            }
            st.execute("CREATE ALIAS IF NOT EXISTS " + Functions.SCHEMA + ".replica_host_status_rows FOR \""
                    + AuroraMySqlSurface.class.getName() + ".replicaHostStatus\"");
            st.execute("CREATE VIEW IF NOT EXISTS " + Functions.SCHEMA + ".replica_host_status AS SELECT * FROM "
                    + Functions.SCHEMA + ".replica_host_status_rows()");
            MySqlCatalog.install(st);
        }
        if (!h2.getAutoCommit()) {
            h2.commit();
        }
    }

    /** The rows of {@code information_schema.replica_host_status} as the calling session's instance sees them. */
    public static ResultSet replicaHostStatus(Connection connection) throws SQLException {
        SimpleResultSet rs = new SimpleResultSet();
        rs.addColumn("SERVER_ID", Types.VARCHAR, 100, 0);
        rs.addColumn("SESSION_ID", Types.VARCHAR, 100, 0);
        rs.addColumn("IOPS", Types.DOUBLE, 17, 0);
        rs.addColumn("READ_IOS", Types.BIGINT, 20, 0);
        rs.addColumn("PENDING_READ_IOS", Types.INTEGER, 10, 0);
        rs.addColumn("CPU", Types.DOUBLE, 17, 0);
        rs.addColumn("DURABLE_LSN", Types.BIGINT, 20, 0);
        rs.addColumn("ACTIVE_TRX_COUNT", Types.INTEGER, 10, 0);
        rs.addColumn("LAST_TRANSPORT_ERROR", Types.INTEGER, 10, 0);
        rs.addColumn("LAST_ERROR_TIMESTAMP", Types.TIMESTAMP, 26, 6);
        rs.addColumn("LAST_UPDATE_TIMESTAMP", Types.TIMESTAMP, 26, 6);
        rs.addColumn("MASTER_SLAVE_LATENCY_IN_MICROSECONDS", Types.BIGINT, 20, 0);
        rs.addColumn("REPLICA_LAG_IN_MILLISECONDS", Types.DOUBLE, 17, 0);
        rs.addColumn("LOG_STREAM_SPEED_IN_KIB_PER_SECOND", Types.DOUBLE, 17, 0);
        rs.addColumn("LOG_BUFFER_SEQUENCE_NUMBER", Types.BIGINT, 20, 0);
        rs.addColumn("IS_CURRENT", Types.TINYINT, 3, 0);
        rs.addColumn("OLDEST_READ_VIEW_TRX_ID", Types.BIGINT, 20, 0);
        rs.addColumn("OLDEST_READ_VIEW_LSN", Types.BIGINT, 20, 0);
        rs.addColumn("HIGHEST_LSN_RECEIVED", Types.BIGINT, 20, 0);
        rs.addColumn("CURRENT_READ_POINT", Types.BIGINT, 20, 0);
        rs.addColumn("CURRENT_REPLAY_LATENCY_IN_MICROSECONDS", Types.BIGINT, 20, 0);
        rs.addColumn("AVERAGE_REPLAY_LATENCY_IN_MICROSECONDS", Types.BIGINT, 20, 0);
        rs.addColumn("MAX_REPLAY_LATENCY_IN_MICROSECONDS", Types.BIGINT, 20, 0);
        if ("jdbc:columnlist:connection".equals(connection.getMetaData().getURL())) {
            return rs; // H2 asks for the shape only (view creation, prepare)
        }
        Topology topology = Instances.of(connection).topology();
        for (InstanceStatus s : topology.instances()) {
            if (s.state() == InstanceState.STOPPED) {
                continue;
            }
            boolean writer = s.role() == Role.WRITER && s.id().equals(topology.writerId());
            long lagMicros = writer ? 0 : Math.round(s.lagMillis() * 1000);
            Timestamp updated = Timestamp.valueOf(s.lastUpdate().atZone(ZoneId.systemDefault()).toLocalDateTime());
            rs.addRow(s.id(), writer ? "MASTER_SESSION_ID" : sessionId(s.id()), 0.0, 0L, 0, s.cpu(), s.appliedLsn(), 0, 0,
                    null, updated, lagMicros, writer ? 0.0 : s.lagMillis(), 0.0, s.appliedLsn(),
                    s.state() == InstanceState.AVAILABLE ? 1 : 0, 0L, s.appliedLsn(), s.appliedLsn(), s.appliedLsn(),
                    lagMicros, lagMicros, lagMicros);
        }
        return rs;
    }

    private static String sessionId(String instanceId) {
        return UUID.nameUUIDFromBytes(instanceId.getBytes(StandardCharsets.UTF_8)).toString();
    }
}

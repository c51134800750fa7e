package dev.borealis.jdbc.spi;

/**
 * One row of an engine's topology view, before the driver turns it into a {@link HostSpec}.
 *
 * @param instanceId the instance identifier the view reports
 * @param endpoint   a hostname the view reports for the instance, or {@code null} when the driver must derive one
 *                   from the instance id (Aurora reports ids only; RDS Multi-AZ clusters report endpoints)
 * @param port       the port the view reports, or 0 to use the cluster's port
 * @param writer     whether the row is the writer
 * @param lagMs      replica lag in milliseconds (0 for the writer or when unknown)
 */
public record TopologyRow(String instanceId, String endpoint, int port, boolean writer, double lagMs) {
}

package dev.borealis.jdbc.customendpoint;

import dev.borealis.jdbc.config.Property;
import java.util.List;

/**
 * The {@code customEndpoint} plugin's properties; {@code docs/custom-endpoint-properties.md} is generated here. Named
 * as the AWS wrapper names them where it has them; its {@code customEndpointRegion} has no counterpart (the member
 * list comes from {@link #INFO_URL}, not an AWS region's RDS API).
 */
public final class CustomEndpointProperties {

  public static final Property<String> INFO_URL = Property.string("customEndpointInfoUrl", null,
      "Where the member list is read: the base URL of a service answering `GET {url}/endpoints/{name}` with RDS "
          + "DescribeDBClusterEndpoints' JSON (`DBClusterEndpoints[0].CustomEndpointType`, `StaticMembers`, "
          + "`ExcludedMembers`), such as the embedded cluster's admin API (`http://127.0.0.1:PORT/`). Required.",
      "an http:// or https:// URL", "https?://[^\\s?#]+");

  public static final Property<String> INFO_TOKEN_FILE = Property.string("customEndpointInfoTokenFile", null,
      "A file holding the bearer token sent with every member-list request (the embedded cluster's admin token "
          + "file); read on each request, so a rotated token is picked up. Unset: no Authorization header.",
      "a file path", ".+");

  public static final Property<Long> REFRESH_RATE_MS = Property.integer("customEndpointInfoRefreshRateMs", 30_000,
      50, 3_600_000, "How often the endpoint's monitor re-reads the member list, in milliseconds. One monitor (a "
          + "daemon thread `borealis-custom-endpoint-NAME`) serves every connection to the endpoint; it stops when "
          + "the last of them closes. A connection moves off an instance that left the set at its next "
          + "`createStatement`/`prepareStatement`/`prepareCall` outside a transaction.");

  public static final Property<Boolean> WAIT_FOR_INFO = Property.bool("waitForCustomEndpointInfo", true,
      "Whether a new connection waits until the member list has been read once. With false it opens at once and "
          + "is unrestricted until the list arrives.");

  public static final Property<Long> WAIT_FOR_INFO_TIMEOUT_MS = Property.integer(
      "waitForCustomEndpointInfoTimeoutMs", 5_000, 1, 600_000,
      "How long a new connection waits for the first member list before failing with SQLSTATE 08001, naming the "
          + "endpoint and the last error.");

  private CustomEndpointProperties() {
  }

  public static List<Property<?>> all() {
    return List.of(INFO_URL, INFO_TOKEN_FILE, REFRESH_RATE_MS, WAIT_FOR_INFO, WAIT_FOR_INFO_TIMEOUT_MS);
  }
}

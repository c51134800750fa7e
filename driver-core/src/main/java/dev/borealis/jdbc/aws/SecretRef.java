package dev.borealis.jdbc.aws;

/**
 * Which secret, where: the cache key of fetched secrets.
 *
 * @param secretId name or ARN
 * @param region   the region the client signs for
 * @param endpoint endpoint override, or null for the region's public endpoint
 */
record SecretRef(String secretId, String region, String endpoint) {

  @Override
  public String toString() {
    return "secret '" + secretId + "' (region " + region + (endpoint == null ? "" : ", endpoint " + endpoint) + ")";
  }
}

package dev.borealis.jdbc.liquibase;

/** The URL shapes the Liquibase adapters accept, in one place. */
final class BorealisDatabases {

  static final String DRIVER = "dev.borealis.jdbc.Driver";

  private BorealisDatabases() {
  }

  static String driverFor(String url, String prefix) {
    return url != null && url.regionMatches(true, 0, prefix, 0, prefix.length()) ? DRIVER : null;
  }
}

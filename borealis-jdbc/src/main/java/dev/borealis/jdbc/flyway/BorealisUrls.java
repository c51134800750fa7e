package dev.borealis.jdbc.flyway;

/** The URL shapes the Flyway adapters accept, in one place. */
final class BorealisUrls {

  static final String DRIVER = "dev.borealis.jdbc.Driver";
  static final String MYSQL = "jdbc:borealis:mysql:";
  static final String POSTGRESQL = "jdbc:borealis:postgresql:";

  private BorealisUrls() {
  }

  static boolean matches(String url, String prefix) {
    return url != null && url.regionMatches(true, 0, prefix, 0, prefix.length());
  }
}

package dev.borealis.jdbc.failover;

import dev.borealis.jdbc.topology.AuroraEndpoints;

/** Where a lost connection may go. */
enum FailoverMode {
  STRICT_WRITER,
  READER_OR_WRITER,
  STRICT_READER;

  /** The configured mode, else the one the endpoint implies (reader or custom endpoint: reader-or-writer). */
  static FailoverMode of(String configured, String urlHost) {
    if (configured != null) {
      return valueOf(configured.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
    AuroraEndpoints.Kind kind = AuroraEndpoints.kind(urlHost);
    // a custom endpoint's connections mostly sit on readers (READER endpoints have nothing else)
    return kind == AuroraEndpoints.Kind.READER_ENDPOINT || kind == AuroraEndpoints.Kind.CUSTOM_ENDPOINT
        ? READER_OR_WRITER : STRICT_WRITER;
  }
}

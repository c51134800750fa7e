package dev.borealis.jdbc.spi;

/** What an instance does in its cluster, as far as the last topology read could tell. */
public enum HostRole {
  WRITER,
  READER,
  /** Not yet known: a host from the URL before the first topology read. */
  UNKNOWN
}

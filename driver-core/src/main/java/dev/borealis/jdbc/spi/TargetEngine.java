package dev.borealis.jdbc.spi;

import java.sql.Driver;
import java.util.List;

/**
 * A target engine reachable as {@code jdbc:borealis:<scheme>://…}: which driver opens physical connections, how a
 * physical URL for one host looks, and which dialects may apply, most specific first (the last one is the
 * fallback that matches any server of the engine).
 */
public interface TargetEngine {

  /** The {@code <target>} part of a Borealis URL, e.g. {@code mysql}. */
  String scheme();

  int defaultPort();

  /** The driver that opens physical connections; called once, the instance is reused. */
  Driver targetDriver();

  /** The physical URL for one host; properties travel separately, never in this URL. */
  String physicalUrl(HostSpec host, String database);

  List<Dialect> dialects();
}

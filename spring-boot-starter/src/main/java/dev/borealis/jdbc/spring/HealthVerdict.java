package dev.borealis.jdbc.spring;

import java.util.Map;

/** The one rule both Boot versions' indicators apply. */
enum HealthVerdict {
  UP, DOWN, UNKNOWN;

  static HealthVerdict of(Map<String, TopologyReport> reports) {
    boolean anySeen = false;
    for (TopologyReport r : reports.values()) {
      if (r.clusterId() != null) {
        anySeen = true;
        if (r.writer().isEmpty()) {
          return DOWN;
        }
      }
    }
    return anySeen ? UP : UNKNOWN;
  }
}

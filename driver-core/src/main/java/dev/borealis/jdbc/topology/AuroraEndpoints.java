package dev.borealis.jdbc.topology;

import java.util.Optional;

/**
 * Aurora's DNS name shapes: {@code name.cluster-ID.domain} (writer), {@code name.cluster-ro-ID.domain} (readers),
 * {@code name.cluster-custom-ID.domain}, and instance endpoints {@code instance.ID.domain}.
 */
public final class AuroraEndpoints {

  public enum Kind { WRITER_ENDPOINT, READER_ENDPOINT, CUSTOM_ENDPOINT, OTHER }

  private AuroraEndpoints() {
  }

  public static Kind kind(String host) {
    String[] labels = host.split("\\.");
    if (labels.length < 3) {
      return Kind.OTHER;
    }
    String second = labels[1];
    if (second.startsWith("cluster-ro-")) {
      return Kind.READER_ENDPOINT;
    }
    if (second.startsWith("cluster-custom-")) {
      return Kind.CUSTOM_ENDPOINT;
    }
    return second.startsWith("cluster-") && second.length() > "cluster-".length() ? Kind.WRITER_ENDPOINT : Kind.OTHER;
  }

  /** For a cluster-level endpoint, the pattern of its instances' hostnames ({@code ?.ID.domain}). */
  public static Optional<String> instancePattern(String host) {
    Kind kind = kind(host);
    if (kind == Kind.OTHER) {
      return Optional.empty();
    }
    int firstDot = host.indexOf('.');
    String second = host.substring(firstDot + 1);
    String prefix = switch (kind) {
      case READER_ENDPOINT -> "cluster-ro-";
      case CUSTOM_ENDPOINT -> "cluster-custom-";
      default -> "cluster-";
    };
    return Optional.of("?." + second.substring(prefix.length()));
  }

  /** The writer endpoint's name for any cluster-level endpoint: the cluster's identity. */
  public static Optional<String> clusterName(String host) {
    Kind kind = kind(host);
    if (kind != Kind.WRITER_ENDPOINT && kind != Kind.READER_ENDPOINT) {
      return Optional.empty();
    }
    return Optional.of(host.replaceFirst("\\.cluster-ro-", ".cluster-"));
  }

  /** The other cluster-level endpoint of the same cluster: reader endpoint for the writer one and back. */
  public static Optional<String> sibling(String host) {
    return switch (kind(host)) {
      case WRITER_ENDPOINT -> Optional.of(host.replaceFirst("\\.cluster-", ".cluster-ro-"));
      case READER_ENDPOINT -> Optional.of(host.replaceFirst("\\.cluster-ro-", ".cluster-"));
      default -> Optional.empty();
    };
  }
}

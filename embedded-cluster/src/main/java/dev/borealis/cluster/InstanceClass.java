package dev.borealis.cluster;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Aurora DB instance class such as {@code db.r6g.large} or {@code db.r7g.4xlarge}. Only its size
 * matters here: failover promotes the lowest tier first, then the largest instance.
 */
public record InstanceClass(String name, int sizeRank) implements Comparable<InstanceClass> {

    private static final Pattern FORMAT = Pattern.compile("db\\.[a-z0-9-]+\\.(micro|small|medium|large|(\\d*)xlarge)");
    public static final InstanceClass DEFAULT = parse("db.r6g.large");

    public static InstanceClass parse(String name) {
        Matcher m = name == null ? null : FORMAT.matcher(name);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("instance class: '" + name + "' is invalid (expected db.FAMILY.SIZE,"
                    + " e.g. db.r6g.large or db.r6g.2xlarge)");
        }
        String size = m.group(1);
        int rank = switch (size) {
            case "micro" -> 0;
            case "small" -> 1;
            case "medium" -> 2;
            case "large" -> 3;
            default -> 3 + (m.group(2).isEmpty() ? 1 : Integer.parseInt(m.group(2)));
        };
        return new InstanceClass(name, rank);
    }

    @Override
    public int compareTo(InstanceClass other) {
        return Integer.compare(sizeRank, other.sizeRank);
    }

    @Override
    public String toString() {
        return name;
    }
}

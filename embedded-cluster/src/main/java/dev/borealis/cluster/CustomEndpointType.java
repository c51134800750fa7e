package dev.borealis.cluster;

/** Which roles a custom endpoint routes to, as Aurora's {@code CustomEndpointType}. */
public enum CustomEndpointType {
    /** Only members that are readers now: a member promoted to writer stays listed but is skipped. */
    READER,
    /** Every member, writer included. */
    ANY;

    /** Parses Aurora's spelling ({@code READER}, {@code ANY}, any case); names the accepted values otherwise. */
    public static CustomEndpointType parse(String what, String raw) {
        if (raw != null) {
            for (CustomEndpointType type : values()) {
                if (type.name().equalsIgnoreCase(raw.strip())) {
                    return type;
                }
            }
        }
        throw new IllegalArgumentException(what + ": '" + raw + "' is not a custom endpoint type (expected READER or ANY)");
    }
}
